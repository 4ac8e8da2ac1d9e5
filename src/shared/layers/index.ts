/** The layer catalog's public surface. */
export { LAYER_SPECS, getSpec, nodeSpec, kindsByCategory, isSourceKind, type SpecOf } from './catalog.js';
export { LAYER_KINDS, PARAM_SPECS, defaultParams, isLayerKind, type LayerKind, type ParamsOf } from './params.js';
export * from './types.js';
export { formatShape, convLength, deconvLength, type CatalogSpec, type LayerRules } from './specs/util.js';
