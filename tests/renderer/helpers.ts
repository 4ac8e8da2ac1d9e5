/** Test helpers: a fresh editor and the source CNN built through the same actions a user runs. */
import { ACTIONS } from '../../src/renderer/actions/index.js';
import { createEditor, type Editor } from '../../src/renderer/app/editor.js';
import type { LayerKind } from '../../src/shared/layers/params.js';

export function freshEditor(): Editor {
  // A clock the test controls: coalescing of typed edits depends on time.
  let t = 0;
  return createEditor({ graph: { now: () => (t += 10_000) } });
}

export function add(ed: Editor, kind: LayerKind, x = 0, y = 0): string {
  return ed.registry.execute(ACTIONS.addNode, ed.ctx, { kind, position: { x, y } }) as string;
}

export function wire(ed: Editor, source: string, target: string, targetPort = 0): boolean {
  return ed.registry.execute(ACTIONS.connect, ed.ctx, { source, target, targetPort }) as boolean;
}

/** Input 28×28×1 → Conv2D 32 3×3 relu → MaxPooling2D → Flatten → Dense 128 → Dense 10 softmax. */
export function buildSourceCnn(ed: Editor): Record<'input' | 'conv' | 'pool' | 'flatten' | 'dense' | 'out', string> {
  const ids = {
    input: add(ed, 'Input', 0, 0),
    conv: add(ed, 'Conv2D', 0, 100),
    pool: add(ed, 'MaxPooling2D', 0, 200),
    flatten: add(ed, 'Flatten', 0, 300),
    dense: add(ed, 'Dense', 0, 400),
    out: add(ed, 'Dense', 0, 500),
  };
  ed.registry.execute(ACTIONS.updateParam, ed.ctx, { nodeId: ids.out, name: 'units', value: 10 });
  ed.registry.execute(ACTIONS.updateParam, ed.ctx, { nodeId: ids.out, name: 'activation', value: 'softmax' });
  const chain = [ids.input, ids.conv, ids.pool, ids.flatten, ids.dense, ids.out];
  for (let i = 1; i < chain.length; i += 1) {
    if (!wire(ed, chain[i - 1], chain[i]))
      throw new Error(`could not wire ${chain[i - 1]} -> ${chain[i]}: ${ed.ctx.ui.getState().notice?.text}`);
  }
  return ids;
}
