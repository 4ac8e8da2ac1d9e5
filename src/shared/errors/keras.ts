/** DW3xx — Keras / TF.js / ONNX interop: a title and a fix for each code (the catalogue is ../errors.ts). */
import type { ErrorEntry } from './entry.js';

export const INTEROP_ERRORS = {
  DW301: { title: 'Not a Keras or TF.js model JSON', fix: 'Give the output of model.to_json() or a TF.js model.json.' },
  DW302: {
    title: 'Keras layer not supported',
    fix: 'Replace the layer in Keras before exporting, or file an issue naming the layer class.',
  },
  DW303: {
    title: 'Keras layer configuration not supported',
    fix: 'Change the named option to a supported value in Keras and export again.',
  },
  DW304: {
    title: 'Keras model structure not understood',
    fix: 'Check that the JSON is complete: every layer named, every input a layer of the model, one output per layer.',
  },
  DW305: {
    title: 'Layer cannot be written in this Keras format',
    fix: 'Write Keras 3 JSON instead, or change the named option (e.g. the activation) to one the format supports.',
  },
  DW306: {
    title: 'Imported weights could not be read',
    fix: 'Give the folder as exported (model.json with its weight shards, or weights.json with its float32 C-order .npy files).',
  },
  DW307: {
    title: 'Imported weights do not match the model',
    fix: 'Export the weights from the same model as the JSON (same layer names and shapes), or import the JSON alone.',
  },
  DW308: {
    title: 'Model JSON nested too deeply',
    fix: 'No Keras or TF.js model nests values that deep (the limit is 64 levels): the file is damaged; export it again with model.to_json() or the TF.js converter.',
  },
  DW309: {
    title: 'Model has too many layers',
    fix: 'Deepwire reads models of fewer than 50,000 layers: split the model, or summarize it in Keras instead.',
  },
  DW310: {
    title: 'Deepwire failed on this file',
    fix: 'This is a bug in Deepwire, not in your file: report it with the file and the message; nothing was written.',
  },
  DW311: {
    title: 'Shared layer',
    fix: 'Deepwire applies every layer once: in Keras, give each call its own layer (copy the layer or the submodel) and export again.',
  },
  DW312: {
    title: 'Imported model would not be a valid project',
    fix: 'Change the model in Keras as the named problem says (e.g. keep one output: Model(inputs, outputs[0])) and export again; `deepwire summary` on the file lists the same problem.',
  },
  DW313: {
    title: 'No built-in dataset fits the imported model',
    fix: "The project's dataset is unset: choose a dataset whose samples have the model's input shape (an image folder at that size, a CSV with that many columns) before training.",
  },
  DW315: {
    title: "Keras 3's hard_sigmoid is not Keras 2's",
    fix: "Deepwire's hard_sigmoid is Keras 2's and TF.js's clip(0.2·x + 0.5, 0, 1); Keras 3's is relu6(x + 3) / 6. Use sigmoid (or another activation) in the named layer, or exchange the model as Keras 2 / TF.js JSON; Deepwire's Keras 3 Python export defines the Keras 2 form and runs it exactly.",
  },
  DW317: {
    title: 'MultiHeadAttention with a key other than its value',
    fix: 'Call the layer as mha(query, value) (the key is then the value) in Keras and export again; Deepwire models attention whose key and value are one tensor.',
  },
  DW318: {
    title: 'MultiHeadAttention call option not supported',
    fix: 'Call the layer without an attention mask, causal mask or returned scores (mha(query, value)) in Keras and export again; Deepwire models plain attention.',
  },
  // Recurrent states as outputs or inputs (issue #14)
  DW319: {
    title: 'Recurrent states as model outputs or inputs',
    fix: "Deepwire's recurrent layers have one output and start from zeros: export the model without return_state and initial_state (e.g. the encoder as Model(inputs, encoder_outputs)), or keep it in Keras; `deepwire summary` still prints its layers and totals.",
  },
  DW320: {
    title: 'channels_first and channels_last layers mixed',
    fix: "A layer reads a channels_first (NCHW) tensor as if it were channels_last, or over an axis other than the channels: Keras runs such a model, but its layers see different axes as channels, which Deepwire's NHWC layers cannot reproduce. Give every layer the same data_format (and BatchNormalization axis=1 after channels_first layers), or save the model channels_last.",
  },
  DW330: {
    title: 'ONNX file unreadable',
    fix: 'The file is not a complete ONNX model (truncated, damaged or another format): export it again (torch.onnx.export, tf2onnx or `deepwire export --format onnx`).',
  },
  DW331: {
    title: 'ONNX opset not supported',
    fix: 'Deepwire reads the default ONNX domain at opsets 11 to 21: export again with opset_version in that range.',
  },
  DW332: {
    title: 'ONNX operators Deepwire has no layer for',
    fix: 'Remove or replace the named operators in the source model (only operators that map to catalog layers are read; see docs/import.md) and export again.',
  },
  DW333: {
    title: 'ONNX operator used in a way Deepwire cannot represent',
    fix: 'Change the named node as the message says (e.g. symmetric padding, a supported attribute value) in the source model and export again.',
  },
  DW334: {
    title: 'ONNX graph input or weight not supported',
    fix: 'Give the model one float input with fixed sizes except the batch, and keep its weights in the file (no external data).',
  },
} as const satisfies Record<`DW3${string}`, ErrorEntry>;
