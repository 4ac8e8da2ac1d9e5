/**
 * Wiring without a mouse: which layers feed this one, and a picker to connect
 * another (refused connections show their reason, as on the canvas).
 */
import type { GraphNode } from '../../shared/graph/types.js';
import { formatShape } from '../../shared/layers/index.js';
import { ACTIONS } from '../actions/index.js';
import { useGraph, useExecute } from '../app/EditorContext.js';
import { arityOf } from '../graph/ports.js';
import { selectDoc, selectReport } from '../stores/graphSelectors.js';

export function InputsEditor({ node }: { node: GraphNode }) {
  const run = useExecute();
  const doc = useGraph(selectDoc);
  const report = useGraph(selectReport);
  const incoming = doc.edges.filter((e) => e.target === node.id).sort((a, b) => a.targetPort - b.targetPort);
  const nameOf = (id: string) => doc.nodes.find((n) => n.id === id)?.name ?? id;
  const merge = arityOf(node.kind) === 'many';
  const candidates = doc.nodes.filter((n) => n.id !== node.id && !incoming.some((e) => e.source === n.id));
  return (
    <fieldset className="inputs-editor">
      <legend>Inputs</legend>
      {incoming.length === 0 && <p className="muted">Nothing connected yet.</p>}
      <ol>
        {incoming.map((e) => {
          const shape = report.edges[e.id];
          return (
            <li key={e.id}>
              {nameOf(e.source)} <span className="muted">{shape ? formatShape(shape) : ''}</span>{' '}
              <button
                type="button"
                className="link"
                aria-label={`Disconnect ${nameOf(e.source)}`}
                onClick={() => run(ACTIONS.disconnect, { edgeId: e.id })}
              >
                disconnect
              </button>
            </li>
          );
        })}
      </ol>
      {candidates.length > 0 && (
        <div className="field">
          <label htmlFor="connect-from">
            {merge || incoming.length === 0 ? 'Connect input from' : 'Replace input with'}
          </label>
          <select
            id="connect-from"
            value=""
            onChange={(e) => {
              if (e.target.value)
                run(ACTIONS.connect, {
                  source: e.target.value,
                  target: node.id,
                  targetPort: merge ? incoming.length : 0,
                });
            }}
          >
            <option value="">Choose a layer…</option>
            {candidates.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name} ({n.kind})
              </option>
            ))}
          </select>
        </div>
      )}
    </fieldset>
  );
}
