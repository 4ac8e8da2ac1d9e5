/** The inspector: the selected layer's name, network, inputs and a form generated from its param specs. */
import { useState } from 'react';
import { DiagnosticList } from '../app/DiagnosticList.js';
import type { GraphNode } from '../../shared/graph/types.js';
import { LAYER_SPECS, PARAM_SPECS, formatShape, type ParamSpec } from '../../shared/layers/index.js';
import { ACTIONS } from '../actions/index.js';
import { useGraph, useExecute } from '../app/EditorContext.js';
import { formatCount } from '../canvas/keyParams.js';
import { arityOf } from '../graph/ports.js';
import { selectDoc, selectReport, selectSelection } from '../stores/graphSelectors.js';
import { InputsEditor } from './InputsEditor.js';
import { ParamField } from './ParamField.js';

function NameField({ node }: { node: GraphNode }) {
  const run = useExecute();
  const [draft, setDraft] = useState(node.name);
  const [seen, setSeen] = useState(node.name);
  const [error, setError] = useState<string | null>(null);
  const names = useGraph((s) => s.doc.nodes);
  if (seen !== node.name) {
    setSeen(node.name);
    setDraft(node.name);
    setError(null);
  }
  return (
    <div className="field">
      <label htmlFor="layer-name">Name</label>
      <input
        id="layer-name"
        type="text"
        spellCheck={false}
        value={draft}
        aria-invalid={error !== null}
        aria-describedby="layer-name-doc"
        onChange={(e) => {
          const v = e.target.value;
          setDraft(v);
          if (!/^[A-Za-z_][\w.-]*$/.test(v.trim()))
            setError('Start with a letter or _, then letters, digits, _ . or -.');
          else if (names.some((n) => n.id !== node.id && n.name === v.trim()))
            setError(`Another layer is already called ${v.trim()}.`);
          else {
            setError(null);
            run(ACTIONS.renameNode, { nodeId: node.id, name: v });
          }
        }}
        onBlur={() => {
          if (error) {
            setDraft(node.name);
            setError(null);
          }
        }}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <p id="layer-name-doc" className="field-doc">
        The Keras layer name; unique in the model.
      </p>
    </div>
  );
}

function LayerForm({ node }: { node: GraphNode }) {
  const run = useExecute();
  const report = useGraph(selectReport);
  const projectKind = useGraph((s) => s.projectKind);
  const spec = LAYER_SPECS[node.kind];
  const info = report.nodes[node.id];
  const diagnostics = report.diagnostics.filter((d) => d.nodeId === node.id);
  const params = node.params as Record<string, unknown>;
  return (
    <form className="inspector-form" aria-label={`Parameters of ${node.name}`} onSubmit={(e) => e.preventDefault()}>
      <header>
        <h2>
          {spec.label} <span className="muted">· {spec.category}</span>
        </h2>
        <p className="layer-doc">{spec.doc}</p>
      </header>
      <NameField key={node.id} node={node} />
      {projectKind === 'gan' && (
        <div className="field">
          <label htmlFor="layer-group">Network</label>
          <select
            id="layer-group"
            value={node.group ?? ''}
            onChange={(e) =>
              run(ACTIONS.setGroup, {
                nodeIds: [node.id],
                group: e.target.value === '' ? undefined : (e.target.value as 'generator' | 'discriminator'),
              })
            }
          >
            <option value="">(none)</option>
            <option value="generator">Generator</option>
            <option value="discriminator">Discriminator</option>
          </select>
        </div>
      )}
      {arityOf(node.kind) !== 'none' && <InputsEditor node={node} />}
      <fieldset>
        <legend>Parameters</legend>
        {(PARAM_SPECS[node.kind] as readonly ParamSpec[]).length === 0 && (
          <p className="muted">This layer has no parameters.</p>
        )}
        {(PARAM_SPECS[node.kind] as readonly ParamSpec[]).map((p) => (
          <ParamField
            key={`${node.id}:${p.name}`}
            spec={p}
            value={params[p.name]}
            onChange={(value) => run(ACTIONS.updateParam, { nodeId: node.id, name: p.name, value })}
          />
        ))}
      </fieldset>
      <dl className="layer-info" aria-label="Layer facts">
        <dt>Output shape</dt>
        <dd>{info?.shape ? formatShape(info.shape) : 'unknown'}</dd>
        <dt>Parameters</dt>
        <dd>
          {formatCount(info ? info.params.trainable + info.params.nonTrainable : 0)}
          {info && info.params.nonTrainable > 0 ? ` (${formatCount(info.params.nonTrainable)} non-trainable)` : ''}
        </dd>
        <dt>FLOPs</dt>
        <dd>{formatCount(info?.flops ?? 0)}</dd>
        <dt>Keras class</dt>
        <dd>{spec.kerasClass}</dd>
      </dl>
      {diagnostics.length > 0 && (
        <section aria-label="Problems">
          <h3>Problems</h3>
          <DiagnosticList diagnostics={diagnostics} />
        </section>
      )}
    </form>
  );
}

export function Inspector() {
  const run = useExecute();
  const selection = useGraph(selectSelection);
  const doc = useGraph(selectDoc);
  const node = selection.nodes.length === 1 ? doc.nodes.find((n) => n.id === selection.nodes[0]) : undefined;
  return (
    <section className="inspector" aria-label="Inspector">
      {node && <LayerForm key={node.id} node={node} />}
      {!node && selection.nodes.length > 1 && (
        <div className="inspector-multi">
          <h2>{selection.nodes.length} layers selected</h2>
          <div className="button-row">
            <button type="button" onClick={() => run(ACTIONS.duplicate, undefined)}>
              Duplicate
            </button>
            <button type="button" onClick={() => run(ACTIONS.deleteSelection, undefined)}>
              Delete
            </button>
          </div>
        </div>
      )}
      {!node && selection.nodes.length === 0 && (
        <div className="inspector-empty">
          <h2>Inspector</h2>
          <p className="muted">
            {selection.edges.length > 0
              ? 'A connection is selected: press Delete to remove it.'
              : 'Select a layer to edit its parameters. Shift-drag selects several; Ctrl+C / Ctrl+V copy and paste.'}
          </p>
        </div>
      )}
    </section>
  );
}
