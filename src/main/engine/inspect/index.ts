/** Seeing inside a trained classifier (issue #15): layer outputs, filters, saliency, Grad-CAM, embedding. */
export {
  inspectNetwork,
  type InspectOptions,
  type InspectPicture,
  type InspectResult,
  type LayerView,
} from './inspect.js';
