/**
 * Seeing inside a trained classifier (issue #15): layer outputs, filters, saliency, Grad-CAM, embedding, and
 * recurrent layers' hidden state over time.
 */
export {
  inspectNetwork,
  releaseInspected,
  type InspectEmbedding,
  type InspectOptions,
  type InspectPicture,
  type ImageFile,
  type InspectResult,
  type InspectSubject,
  type LayerView,
} from './inspect.js';
export { type HiddenState, hiddenStates } from './hidden.js';
export { EMBEDDING_METHODS, type EmbeddingMethod, project2d } from './embedding.js';
