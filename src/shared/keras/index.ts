/** Keras / TF.js interop: the only place where Keras's snake_case option names live. */
export { readKerasModel, type KerasImport } from './read/index.js';
export { writeKerasModel, type WriteKerasOptions, KERAS2_VERSION, TFJS_VERSION } from './write/model.js';
export { looksLikeKerasJson } from './read/unwrap.js';
export { kerasClassOf, READABLE_CLASSES } from './layers/registry.js';
export { KERAS_STYLES, type KerasStyle, type DeepwireMeta } from './types.js';
