/** The start screen: new project (empty or from a template), recent projects, open a file. */
import { useCallback, useEffect, useState } from 'react';
import type { ExampleInfo, RecentEntry } from '../../shared/api/project.js';
import { ACTIONS } from '../actions/index.js';
import { useEditor, useExecute, useUi } from '../app/EditorContext.js';
import { RecoveryOffer } from '../recovery/RecoveryOffer.js';

export function StartScreen() {
  const { ctx } = useEditor();
  const run = useExecute();
  const theme = useUi((s) => s.theme);
  const [examples, setExamples] = useState<ExampleInfo[] | null>(null);
  const [recent, setRecent] = useState<RecentEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refreshRecent = useCallback(async () => {
    if (!ctx.client) return;
    try {
      setRecent((await ctx.client.call('project.recent', { action: 'list' })).recent);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [ctx]);

  useEffect(() => {
    const client = ctx.client;
    if (!client) return;
    let live = true;
    client
      .call('project.listExamples', {})
      .then((r) => live && setExamples(r.examples))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    client
      .call('project.recent', { action: 'list' })
      .then((r) => live && setRecent(r.recent))
      .catch(() => live && setRecent([]));
    return () => {
      live = false;
    };
  }, [ctx]);

  return (
    <main className="start" aria-label="Start">
      <header className="start-head">
        <h1>Deepwire</h1>
        <p className="muted">
          Design neural networks by wiring layers; see shapes and parameter counts live; train and export.
        </p>
        <button
          type="button"
          className="link"
          onClick={() => ctx.ui.getState().setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </header>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <RecoveryOffer />
      <div className="start-columns">
        <section aria-labelledby="start-new">
          <h2 id="start-new">New</h2>
          <div className="button-column">
            <button type="button" onClick={() => run(ACTIONS.newProject, { kind: 'classifier' })}>
              New classifier
            </button>
            <button type="button" onClick={() => run(ACTIONS.newProject, { kind: 'regressor' })}>
              New regressor
            </button>
            <button type="button" onClick={() => run(ACTIONS.newProject, { kind: 'gan' })}>
              New GAN
            </button>
            <button type="button" onClick={() => run(ACTIONS.openProject, undefined)}>
              Open file…
            </button>
          </div>
        </section>
        <section aria-labelledby="start-templates">
          <h2 id="start-templates">Templates</h2>
          {examples === null && !error && <p className="muted">Loading…</p>}
          <ul className="card-list">
            {examples?.map((ex) => (
              <li key={ex.id} className="card">
                <button
                  type="button"
                  className="card-button"
                  onClick={() => run(ACTIONS.newProject, { template: ex.id })}
                  aria-describedby={`ex-${ex.id}`}
                >
                  {ex.name}
                </button>
                <span className={`badge badge-${ex.kind}`}>{ex.kind}</span>
                <p id={`ex-${ex.id}`} className="muted">
                  {ex.description}
                </p>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="start-recent">
          <h2 id="start-recent">Recent projects</h2>
          {recent !== null && recent.length === 0 && <p className="muted">Projects you open or save appear here.</p>}
          <ul className="card-list">
            {recent?.map((r) => (
              <li key={r.path} className={`card${r.exists ? '' : ' missing'}`}>
                <button
                  type="button"
                  className="card-button"
                  disabled={!r.exists}
                  title={r.path}
                  onClick={() => run(ACTIONS.openProject, { path: r.path })}
                >
                  {r.name}
                </button>
                <span className="muted small">{r.exists ? r.path : `missing: ${r.path}`}</span>
                <button
                  type="button"
                  className="link"
                  aria-label={`Remove ${r.name} from recent projects`}
                  onClick={() => {
                    void ctx.client
                      ?.call('project.recent', { action: 'remove', path: r.path })
                      .then(() => refreshRecent());
                  }}
                >
                  remove
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </main>
  );
}
