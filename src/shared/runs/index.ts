/** Run history: table rows, run lookup, diffs, compact curves, curve overlays, restoring a past run's graph. */
export * from './downsample.js';
export * from './hyperparameters.js';
export * from './table.js';
export * from './select.js';
export * from './diff.js';
export * from './restore.js';
export * from './record.js';
export * from './overlay.js';
