/** On the start screen: each document an earlier session left unsaved, with Restore and Discard. */
import { useEffect, useState } from 'react';
import { ACTIONS } from '../actions/index.js';
import { listRecovered, type RecoveredDocument } from '../actions/recoveryActions.js';
import { useEditor } from '../app/EditorContext.js';

export function RecoveryOffer() {
  const { ctx, registry } = useEditor();
  const [docs, setDocs] = useState<RecoveredDocument[]>([]);

  useEffect(() => {
    let live = true;
    listRecovered(ctx)
      .then((d) => live && setDocs(d))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [ctx]);

  if (docs.length === 0) return null;
  const drop = (docId: string) => setDocs((d) => d.filter((x) => x.docId !== docId));
  return (
    <section className="recovery" aria-labelledby="start-recovery">
      <h2 id="start-recovery">Unsaved work from last time</h2>
      <ul className="card-list">
        {docs.map((d) => (
          <li key={d.docId} className="card" aria-label={`Unsaved ${d.name}`}>
            <strong>{d.name}</strong>
            <span className="muted small">
              {d.path ?? 'never saved'} · autosaved {new Date(d.savedAt).toLocaleString()}
            </span>
            <span className="button-row">
              <button
                type="button"
                onClick={() =>
                  void registry
                    .execute(ACTIONS.restoreRecovered, ctx, { docId: d.docId })
                    .then((ok) => ok && drop(d.docId))
                }
              >
                Restore
              </button>
              <button
                type="button"
                onClick={() =>
                  void registry
                    .execute(ACTIONS.discardRecovered, ctx, { docId: d.docId })
                    .then((ok) => ok && drop(d.docId))
                }
              >
                Discard
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
