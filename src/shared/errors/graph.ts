/** DW1xx — graph & shape inference: a title and a fix for each code (the catalogue is ../errors.ts). */
import type { ErrorEntry } from './entry.js';

export const GRAPH_ERRORS = {
  DW101: {
    title: 'The graph has a cycle',
    fix: 'Remove one of the connections that closes the loop; models must be acyclic.',
  },
  DW102: { title: 'Input not connected', fix: 'Connect an upstream layer to this input port, or delete the layer.' },
  DW103: {
    title: 'No Input layer',
    fix: 'Add an Input (or Noise, for a generator) layer from the palette and connect it.',
  },
  DW104: {
    title: 'Rank mismatch',
    fix: 'Insert a layer that changes the rank, e.g. Flatten or GlobalAveragePooling2D before Dense.',
  },
  DW105: {
    title: 'Merge of incompatible shapes',
    fix: 'Make the merged tensors agree: the element-wise merges (Add, Multiply, …) need one shape, where a size of 1 may broadcast; Concatenate all but the last axis.',
  },
  DW106: {
    title: 'Spatial size not positive',
    fix: "Reduce kernel/pool size or strides, use padding 'same', or feed a larger input.",
  },
  DW107: {
    title: 'Generator output does not match discriminator input',
    fix: "Change the generator's last layers or the discriminator's Input shape so both equal the sample shape.",
  },
  DW108: {
    title: 'Sample shape does not match the dataset',
    fix: 'Change the Input/generator output shape to the dataset sample shape, or pick another dataset.',
  },
  DW109: {
    title: 'Invalid parameter value',
    fix: 'Correct the value in the inspector; the allowed range is shown beside the field.',
  },
  DW110: {
    title: 'Reshape size mismatch',
    fix: 'Choose a target shape whose product equals the number of input elements (one dimension may be -1).',
  },
  DW111: {
    title: 'Too many inputs',
    fix: 'This layer takes a single input: remove the extra connection or use Add/Concatenate.',
  },
  DW112: {
    title: 'Unknown layer kind',
    fix: 'The file names a layer this version does not know; update Deepwire or replace the layer.',
  },
  DW113: { title: 'Dangling connection', fix: 'The connection refers to a missing layer; delete it.' },
  DW114: {
    title: 'Duplicate layer name',
    fix: 'Rename one of the layers: names must be unique (they become Keras layer names).',
  },
  DW115: {
    title: 'Layer not connected to any output',
    fix: 'Connect the layer onward or delete it; unused layers are not part of the model.',
  },
  DW116: {
    title: 'GAN group missing',
    fix: 'A GAN project needs a generator (from Noise) and a discriminator (from an Input of the sample shape).',
  },
  DW117: {
    title: 'More than one model output',
    fix: 'A classifier or regressor has one output: merge the branches or delete the extra ones.',
  },
  DW118: {
    title: 'Sequence input expected',
    fix: 'Recurrent layers need a 3-D tensor (batch, time, features): feed a sequence Input or set return_sequences on the previous layer.',
  },
  DW119: {
    title: 'Integer input expected',
    fix: 'Embedding takes token ids: set the Input dtype to int32 with shape (time steps).',
  },
  DW120: {
    title: 'Float input expected',
    fix: 'Token ids (int32) feed only an Embedding: insert one after the Input, or set the Input dtype to float32.',
  },
  DW121: {
    title: 'Connection between generator and discriminator',
    fix: 'The two models meet only through the sample shape: delete the connection; the discriminator starts from its own Input.',
  },
  DW122: {
    title: 'Layer name not allowed',
    fix: 'Rename the layer using letters, digits and - . _ / only, starting with a letter or digit (names become Keras layer and weight file names).',
  },
  DW125: {
    title: 'Reflection padding too large',
    fix: 'Make each ReflectionPadding2D pad smaller than the side it pads (mirroring repeats no edge), or pad less / earlier in the network.',
  },
  DW126: {
    title: 'CycleGAN group missing',
    fix: 'A CycleGAN project needs four groups: generator_ab and generator_ba (each from an Input of its source domain) and discriminator_a and discriminator_b (each from an Input of its domain).',
  },
  DW127: {
    title: 'CycleGAN generator does not translate between the domains',
    fix: "Make the generator's Input the source domain's sample shape and its output the target domain's (generator_ab: A → B, generator_ba: B → A).",
  },
  DW128: {
    title: 'CycleGAN discriminator does not take its domain',
    fix: "Set the discriminator's Input to its domain's sample shape (discriminator_a judges A images, discriminator_b judges B images).",
  },
  DW129: {
    title: 'CycleGAN dataset is not two image domains',
    fix: "Pick the built-in MNIST ↔ inverted-thick-MNIST pair or two image folders (domain A and domain B), resized to the generators' sample shapes.",
  },
  DW130: {
    title: 'Class-label input is not one id per sample',
    fix: "Set the label Input's shape to 1 (dtype int32): a conditional GAN takes one class id per sample.",
  },
  DW131: {
    title: 'Conditional GAN has labels in one model only',
    fix: 'Give both models an int32 label Input (shape 1) → Embedding (use "Make conditional"), or delete the label input.',
  },
  DW132: {
    title: 'Conditional GAN models know different class counts',
    fix: "Set the vocabulary size of both label Embeddings to the dataset's number of classes.",
  },
  DW133: {
    title: 'More than one label input in a GAN model',
    fix: 'Keep one int32 label Input per model and feed its Embedding to every branch that needs the label.',
  },
  DW134: {
    title: "GAN's classes do not fit the dataset",
    fix: "Make the label Embeddings' vocabulary (conditional GAN) or the discriminator's output units (semi-supervised GAN: classes + 1) match the dataset's classes, or pick a labelled dataset.",
  },
  DW135: {
    title: 'Dilation combined with strides',
    fix: 'A dilated convolution needs strides 1 (TF.js and Keras refuse both at once): set the strides to 1, or the dilation rate to 1.',
  },
  DW136: {
    title: 'Activation not available in a recurrent cell',
    fix: "TF.js's recurrent cells cannot run leaky_relu: choose tanh (the Keras default), relu, elu or another activation for the cell.",
  },
  DW137: {
    title: 'More than one -1 in a Reshape target',
    fix: 'Keep at most one -1 in the target shape (Keras infers only one dimension): write the other sizes out.',
  },
  DW140: {
    title: 'ReLU with a slope or threshold cannot be written for TF.js',
    fix: "Set the ReLU's negative slope and threshold to 0 (use a LeakyReLU Activation for a slope), or export as Keras 2 or Keras 3.",
  },
  DW145: {
    title: 'Softmax axis outside the input',
    fix: "Set the Softmax's axis to one of the input's axes: 1 to rank − 1 counting the batch as 0, or −1 for the last.",
  },
  DW146: {
    title: 'ELU with alpha other than 1 cannot be written for TF.js',
    fix: "Set the ELU's alpha to 1 (TF.js's ELU supports only that), or export as Keras 2 or Keras 3.",
  },
  DW147: {
    title: 'Softmax over a non-last axis cannot be written for TF.js',
    fix: "Set the Softmax's axis to -1 (TF.js's softmax runs over the last axis only), or export as Keras 2 or Keras 3.",
  },
  DW148: {
    title: 'Permute order is not a reordering of the input axes',
    fix: "List each of the input's axes 1 to rank − 1 exactly once in the Permute's order (e.g. 2, 1 for a sequence).",
  },
  DW149: {
    title: 'PReLU shared axes do not fit the input',
    fix: "List only the input's axes 1 to rank − 1, each once, as PReLU's shared axes; the axes not shared need a known size.",
  },
  DW141: {
    title: 'Subtract takes exactly two inputs',
    fix: 'Connect exactly two tensors to the Subtract layer (the second is taken from the first); merge more with Add.',
  },
  DW160: {
    title: 'TimeDistributed needs a sequence',
    fix: 'Feed TimeDistributed a sequence (time steps × features), e.g. the output of an Embedding or of a recurrent layer with return sequences on.',
  },
  DW161: {
    title: 'MultiHeadAttention takes one or two inputs',
    fix: 'Connect the query sequence first and the value sequence (also used as the key) second; connect one sequence alone for self-attention.',
  },
  DW162: {
    title: 'MultiHeadAttention needs sequences',
    fix: 'Feed MultiHeadAttention sequences (time steps × features) with a known feature size, e.g. an Embedding or a recurrent layer with return sequences on.',
  },
  // Sizes that vary (None), issue #14
  DW170: {
    title: 'A size that varies (None) cannot be flattened or fully connected',
    fix: 'Remove the varying axis first: GlobalAveragePooling1D/GlobalMaxPooling1D (or 2D) or a recurrent layer without return sequences; or give the Input a fixed size instead of None.',
  },
} as const satisfies Record<`DW1${string}`, ErrorEntry>;
