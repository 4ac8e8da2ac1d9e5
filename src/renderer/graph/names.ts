/** Keras-style layer names and fresh ids for new nodes and edges. */
import type { LayerKind } from '../../shared/layers/params.js';
import type { GraphDoc } from '../../shared/graph/types.js';
import { kerasBaseName } from '../../shared/project/builder.js';

/** `Conv2D` -> `conv2d`, `MaxPooling2D` -> `max_pooling2d`, `SimpleRNN` -> `simple_rnn` (as Keras names them). */
export const snakeName = kerasBaseName;

/** The first free Keras-style name for `kind`: `dense`, then `dense_1`, `dense_2`… */
export function nextLayerName(taken: ReadonlySet<string>, kind: LayerKind): string {
  const base = snakeName(kind);
  if (!taken.has(base)) return base;
  for (let i = 1; ; i += 1) {
    const name = `${base}_${i}`;
    if (!taken.has(name)) return name;
  }
}

export function namesOf(doc: GraphDoc): Set<string> {
  return new Set(doc.nodes.map((n) => n.name));
}

let counter = 0;
/** Ids only need to be unique within a document; the random part keeps pasted copies apart across sessions. */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  for (;;) {
    counter += 1;
    const id = `${prefix}-${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    if (!taken.has(id)) return id;
  }
}

export function idsOf(doc: GraphDoc): Set<string> {
  const ids = new Set<string>();
  for (const n of doc.nodes) ids.add(n.id);
  for (const e of doc.edges) ids.add(e.id);
  return ids;
}
