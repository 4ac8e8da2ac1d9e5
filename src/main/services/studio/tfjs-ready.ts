/**
 * TF.js in the studio process. Exports, imports, generation and inspection
 * still run engine code here, not in the training worker (issue #18's one
 * engine process would move them), and TF.js's highest-priority backend
 * (wasm, once any module registers it) must be set up before the first op,
 * asynchronously. One promise per process, taken by every such entry point.
 */
let ready: Promise<unknown> | null = null;

export function studioTfjsReady(): Promise<unknown> {
  ready ??= import('../../engine/train/backend.js').then(({ chooseBackend }) => chooseBackend('auto'));
  return ready;
}
