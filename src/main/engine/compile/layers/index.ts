/** Deepwire's custom TF.js layers; importing this registers them for `tf.models.modelFromJSON` / `loadLayersModel`. */
export { InstanceNormalization } from './instance-norm.js';
export { ReflectionPadding2D } from './reflection-pad.js';
export { KerasReLU } from './relu.js';
export { Subtract } from './subtract.js';
export { SpatialDropout2D } from './spatial-dropout.js';
export { UpSampling1D } from './upsampling1d.js';
export { KerasELU } from './elu.js';
export { ResetAfterGRU, ResetAfterGRUCell } from './gru-reset-after.js';
export { AxisSoftmax } from './softmax.js';
export { RandomFlip, RandomRotation, RandomTranslation, RandomZoom } from './augment.js';
export { KerasNormalization } from './normalization.js';
export { MultiHeadAttention } from './multi-head-attention.js';
