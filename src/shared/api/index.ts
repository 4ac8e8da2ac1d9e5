/** The studio contract: import everything from here. */
export * from './contract.js';
export * from './channels.js';
export * from './client.js';
export * from './datasets.js';
export * from './export.js';
export * from './files.js';
export * from './problem.js';
export * from './project.js';
export * from './settings.js';
export * from './training.js';
export * from './validate.js';
export * from './wire.js';
export * from './emitter.js';
export * from './bridge-client.js';
export * from './ws-client.js';
export * from './runs.js';
export * from './sweep.js';
