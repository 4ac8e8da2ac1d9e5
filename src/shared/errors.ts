/**
 * The one catalogue of numbered, actionable errors and diagnostics.
 *
 * Ranges: DW1xx graph & shapes · DW2xx project files · DW3xx Keras/TF.js
 * interop · DW4xx datasets · DW5xx training & engine · DW6xx studio contract
 * & transports · DW7xx export · DW8xx command line.
 * Each entry has a short title and a fix that tells the user what to do.
 */
export const ERRORS = {
  // ── graph & shape inference ──────────────────────────────────────────────
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

  // ── project files ────────────────────────────────────────────────────────
  DW201: {
    title: 'Not a Deepwire project file',
    fix: 'Open a .deepwire file saved by Deepwire, or import Keras/TF.js JSON instead.',
  },
  DW202: {
    title: 'Project file is not valid JSON',
    fix: 'The file is damaged: restore it from the recovery area or a backup.',
  },
  DW203: {
    title: 'Project file does not match the format',
    fix: 'Correct or remove the value at the named path; the format is described in docs/project-format.md.',
  },
  DW204: { title: 'Project saved by a newer Deepwire', fix: 'Update Deepwire to open this file; it was not changed.' },
  DW205: { title: 'Project file could not be read', fix: 'Check that the file exists and that you may read it.' },
  DW206: {
    title: 'Project file could not be written',
    fix: 'Check free disk space and write permission for the folder; your document is still open and unchanged.',
  },
  DW207: {
    title: 'Stored weights are damaged',
    fix: 'The weights do not match the model; retrain, or restore the file from a backup.',
  },
  DW208: {
    title: 'Project file is locked by another save',
    fix: 'Another Deepwire process is saving this project: try again in a moment. If the named process is no longer running, delete the named .lock file.',
  },
  DW209: {
    title: 'Project changed on disk and in the studio',
    fix: 'The model was changed both in this window and in the file: Save As to keep your version in a new file, or reopen the project to take the version on disk.',
  },
  DW210: {
    title: 'Weights not stored: the model changed during training',
    fix: 'The run record was added to the project; the trained weights were saved with the graph they fit in the named side file: open it to use them, or retrain.',
  },
  DW211: {
    title: 'Project lock could not be taken',
    fix: "Check write permission for the project's folder: Deepwire writes a short-lived <project>.lock file beside the project while saving.",
  },
  DW212: {
    title: 'Project file nested too deeply',
    fix: 'No project nests values that deep (the limit is 64 levels): the file is damaged or not a project; restore it from the recovery area or a backup.',
  },
  DW220: {
    title: 'No such run',
    fix: 'Name a run by its number or the start of its id, as `deepwire runs <project>` lists them.',
  },
  DW221: {
    title: 'Nothing stored to restore',
    fix: "Only runs recorded with their graph (this version on) can be restored once the model changed; rebuild the model by hand from the run's settings.",
  },

  // ── Keras / TF.js interop ────────────────────────────────────────────────
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

  // ── datasets ─────────────────────────────────────────────────────────────
  DW401: { title: 'Dataset not found', fix: 'Check the path, or pick a built-in dataset.' },
  DW402: { title: 'Image could not be decoded', fix: 'Remove or re-save the named file as PNG or JPEG.' },
  DW403: { title: 'Ragged CSV row', fix: 'Give every row of the CSV the same number of columns as its header.' },
  DW404: { title: 'Label column missing', fix: 'Name an existing column as the label/target column.' },
  DW405: { title: 'Empty class folder', fix: 'Put at least one image in every class folder, or remove the folder.' },
  DW406: {
    title: 'Value is not a number',
    fix: 'Feature and target columns must be numeric: fix or remove the named cell.',
  },
  DW407: { title: 'IDX file damaged', fix: 'The IDX header or length is wrong: download the file again.' },
  DW408: {
    title: 'Dataset does not fit the model',
    fix: 'Change the Input shape or the output units to match the dataset.',
  },
  DW409: {
    title: 'Not enough data',
    fix: 'Provide more rows/images, or lower lookback, horizon or the validation split.',
  },
  DW410: {
    title: 'Feature column missing',
    fix: 'Name existing columns as features, or leave the feature list empty to use every numeric column.',
  },
  DW411: {
    title: 'Image too large',
    fix: 'Shrink the named image to at most 4096 × 4096 pixels (and 256 MB), or remove it from the folder.',
  },
  DW412: {
    title: 'Not an image file',
    fix: 'Remove or rename the named entry: every .png/.jpg/.jpeg in a class folder must be a readable image file (not a folder or a broken link).',
  },
  DW413: {
    title: 'Dataset too large for memory',
    fix: 'Lower the image size setting (at most 4096 × 4096) or use fewer images.',
  },
  DW414: {
    title: 'Too many classes',
    fix: 'A classifier takes at most 65,536 classes numbered from 0: check the label column or file (regression targets belong in a regressor).',
  },
  // Token-id sequences of different lengths (issue #14)
  DW415: {
    title: 'Tokens cell not understood',
    fix: 'Write each row\'s tokens as whole numbers ≥ 0 separated by spaces (e.g. "4 12 7 9"), at least one and at most 100,000 per row; 0 is the padding id.',
  },

  // ── training & engine ────────────────────────────────────────────────────
  DW501: {
    title: 'Loss became NaN or infinite',
    fix: 'Lower the learning rate, normalise the inputs, or add BatchNormalization.',
  },
  DW502: { title: 'Training worker crashed', fix: 'See the message; if it names memory, lower the batch size.' },
  DW503: { title: 'Backend not available', fix: "Pick 'auto' or a backend that `deepwire doctor` lists as available." },
  DW504: { title: 'Model cannot be compiled', fix: 'Fix the diagnostics shown on the canvas first.' },
  DW505: { title: 'A run is already in progress', fix: 'Stop the current run before starting another.' },
  DW506: { title: 'No run in progress', fix: 'Start a run first.' },
  DW507: {
    title: 'Loss does not fit the model output',
    fix: 'Use categorical cross-entropy with softmax outputs, binary with one sigmoid unit, MSE/MAE/Huber for regression.',
  },
  DW508: { title: 'No trained weights', fix: 'Train the model (or open a project with weights) first.' },
  // GAN training (issue #6)
  DW520: {
    title: 'Discriminator output is not one score per sample',
    fix: 'End the discriminator with a Dense layer of 1 unit (sigmoid for vanilla/least-squares, linear for Wasserstein).',
  },
  DW521: {
    title: 'GAN needs an image dataset',
    fix: 'Pick an image dataset (MNIST, Fashion-MNIST, an image folder or IDX images) whose samples have the shape the generator makes.',
  },
  // PyTorch backend (issue #12, docs/backends.md)
  DW522: {
    title: 'No Python found for the PyTorch backend',
    fix: 'Install Python 3 with PyTorch, or point the `pythonPath` setting or DEEPWIRE_PYTHON at the python that has torch.',
  },
  DW523: {
    title: 'PyTorch is not installed for this Python',
    fix: "Install it for that Python (`python3 -m pip install torch numpy`, or Debian's python3-torch), or point DEEPWIRE_PYTHON at a Python that has it.",
  },
  DW524: { title: 'PyTorch is too old', fix: 'Upgrade torch to 1.12 or newer (`python3 -m pip install -U torch`).' },
  DW525: {
    title: 'PyTorch device not available',
    fix: 'Use --device auto or cpu, or one `deepwire doctor` lists (check the GPU driver and that torch was built for CUDA/ROCm/MPS).',
  },
  DW526: {
    title: 'NumPy is not installed for this Python',
    fix: 'Install it for that Python: `python3 -m pip install numpy` (Debian: python3-numpy).',
  },
  DW527: {
    title: 'This project cannot train on PyTorch yet',
    fix: 'Train it with --backend auto or wasm; docs/backends.md lists what the PyTorch backend runs.',
  },
  DW528: {
    title: 'Distributed PyTorch run failed',
    fix: 'See the message; check --nproc-per-node against the devices, and that torch.distributed (gloo/nccl) works: `python3 -m torch.distributed.run --help`.',
  },
  DW529: {
    title: 'The PyTorch run wrote no usable result',
    fix: 'Run it again; if it repeats, run `deepwire doctor` and report the message.',
  },
  DW530: {
    title: 'Inspection needs a trained image classifier',
    fix: 'Train the project first (deepwire train), and inspect a classifier whose input is an image (H×W×C).',
  },
  DW531: { title: 'Test sample out of range', fix: 'Pick a sample number from 0 to the test set size minus one.' },
  DW532: {
    title: 'This GAN variant does not train on PyTorch yet',
    fix: 'Train semi-supervised GAN projects with --backend auto or wasm; docs/backends.md lists what PyTorch runs.',
  },
  DW533: {
    title: 'GAN runs on PyTorch use one process',
    fix: 'Leave out --nproc-per-node (or set it to 1) for GAN projects; several processes train classifiers and regressors.',
  },
  DW534: {
    title: 'Bad multi-node launch options',
    fix: 'Give --nnodes M (≥ 1), --node-rank R (0 … M−1) and --rdzv-endpoint HOST:PORT together, the same on every node; see docs/backends.md.',
  },
  // Sweeps (issue #15, docs/cli.md)
  DW545: {
    title: 'No trial of the sweep finished',
    fix: "Read the trials' errors (e.g. DW501, the loss diverged: lower the learning-rate range) and run the sweep again.",
  },
  DW546: {
    title: 'The best trial could not be promoted',
    fix: 'The model in the file changed while the sweep ran, or the best trial kept no weights: run the sweep again on the project as it is now.',
  },
  DW547: {
    title: 'A sweep is already running',
    fix: 'Wait for it to finish, or stop it in the Sweep panel, before starting another.',
  },
  DW548: {
    title: 'No sweep to control',
    fix: 'Start a sweep first; pause, resume, stop and promote act on the running or last sweep.',
  },
  DW549: {
    title: 'Sweeps need a saved project',
    fix: 'Save the project first (File → Save): every trial is recorded as a run in its file.',
  },

  // ── studio contract & transports ─────────────────────────────────────────
  DW601: { title: 'Malformed request', fix: 'The request does not match the contract; this is a bug in the caller.' },
  DW602: { title: 'Unknown command', fix: 'The command is not part of the studio contract.' },
  DW603: {
    title: 'Not authorised',
    fix: 'Open the studio with the URL printed by `deepwire serve` (it carries the token).',
  },
  DW604: { title: 'Request from an untrusted sender', fix: 'Only the Deepwire window may call the studio.' },
  DW605: { title: 'Path not permitted', fix: 'Pick the file through the Open/Save dialog first.' },
  DW606: { title: 'Connection to the studio lost', fix: 'Restart `deepwire serve` and reload the page.' },
  DW607: {
    title: 'Unexpected error in the studio',
    fix: 'This is a bug in Deepwire: the message says where; please report it with the log.',
  },
  DW608: {
    title: 'Not available in this studio',
    fix: "The web studio has no native dialogs: pick the file or folder in the studio's own file browser.",
  },
  DW609: {
    title: 'Settings could not be saved',
    fix: 'Check free space and write permission for the config folder (or set DEEPWIRE_CONFIG_DIR); the studio keeps the settings in memory.',
  },
  DW610: {
    title: 'WebSocket client broke the protocol',
    fix: 'The server closed that connection (1002/1007/1008) and keeps serving others; connect with a browser or a standard WebSocket client, from the URL `deepwire serve` printed.',
  },
  DW611: {
    title: 'WebSocket message too large',
    fix: 'One message to the web studio may be at most 64 MiB: send less at once (a project with very large trained weights: save it with `deepwire train` or the desktop app).',
  },
  DW612: {
    title: 'Bad HTTP request to the studio',
    fix: 'The server answered 400/404 and closed that connection; open the studio with the URL `deepwire serve` printed (the WebSocket is at /api).',
  },
  // Run history in the studio (issue #15)
  DW625: {
    title: 'Run not in the project',
    fix: "The run was deleted (here, in another window or with `deepwire runs --delete`) or belongs to another project: reopen the History panel to see the project's runs.",
  },
  // Inside a trained GAN (issue #15)
  DW626: {
    title: 'Not a trained image GAN',
    fix: 'Latent interpolation needs a GAN project with trained weights whose generator makes images of 1 or 3 channels: train it first (deepwire train <project>).',
  },
  DW627: {
    title: 'Class not in the conditional GAN',
    fix: "Pick a class number from 0 to the GAN's number of classes minus one (--label).",
  },
  // The long-lived engine workers (issue #18)
  DW630: {
    title: 'The engine worker stopped during the request',
    fix: 'The worker that runs previews, exports and inspections crashed (often out of memory: a large model or dataset); it restarts on the next request. Try again, with a smaller model, sample count or dataset if it stops again.',
  },
  DW631: {
    title: 'The engine is shut down',
    fix: 'The studio is closing or restarting its engine: open the studio again and repeat the request.',
  },
  DW632: {
    title: 'Malformed engine message',
    fix: 'A request to the engine worker, or its answer, does not match the engine protocol (src/shared/api/engine.ts): this is a bug in Deepwire; report it with the message.',
  },
  // Desktop-only settings and the web studio's generated-dataset folder (issue #12, #13)
  DW620: {
    title: 'The Python for PyTorch is chosen in the desktop app only',
    fix: 'In the desktop app use Settings → Choose Python… (a native file dialog); for the web studio or the CLI set DEEPWIRE_PYTHON (or --python) where Deepwire starts.',
  },
  DW621: {
    title: 'Generated-dataset folder outside the served folder',
    fix: 'Type a folder relative to the served folder (e.g. generated/mnist-gan), without `..`, or start `deepwire serve --root` on a folder that contains it.',
  },
  // Writes stay inside the folders they were allowed (issue #17)
  DW615: {
    title: 'A symbolic link leads out of the allowed folder',
    fix: 'Deepwire does not write through links that leave the folder: remove or replace the named link, or pick a folder without it.',
  },
  DW616: {
    title: 'Folder setting outside the allowed folders',
    fix: 'Choose a folder inside one the studio may write (a `deepwire serve --root` folder; on the desktop, pick it in the dialog), or leave it empty for the default.',
  },
  DW617: {
    title: 'Folder setting ignored',
    fix: 'The settings file names a folder Deepwire may not write: the default is used instead. Set the folder again in Settings.',
  },

  // ── export ───────────────────────────────────────────────────────────────
  DW701: { title: 'Layer cannot be exported to this format', fix: 'Replace the named layer or choose another format.' },
  DW702: { title: 'Export failed', fix: 'Check the destination folder is writable and has space.' },
  DW703: {
    title: 'Export format does not fit this project',
    fix: 'Sample grids need a GAN whose generator outputs images (H×W×1 or H×W×3): choose another format.',
  },
  DW704: {
    title: 'Unknown export format',
    fix: 'Use one of: tfjs, keras, onnx, pytorch, keras-py, history, card, samples, tensorboard.',
  },
  DW710: {
    title: 'Export could not be moved into place',
    fix: 'Check the destination folder is writable; the files already there were left as they were (a complete earlier export stays whole).',
  },
  DW711: {
    title: 'CycleGAN export lacks one of its four models',
    fix: 'Give the CycleGAN all four groups (generator_ab, generator_ba, discriminator_a, discriminator_b), each from an Input to its output, then export again.',
  },

  // ── command line ─────────────────────────────────────────────────────────
  DW801: { title: 'Usage error', fix: 'Run `deepwire --help` for the commands and options.' },
  DW802: {
    title: 'File type not recognised',
    fix: 'Give a .deepwire project, a Keras model JSON or a TF.js model.json.',
  },
  DW812: {
    title: 'Deepwire failed unexpectedly',
    fix: 'This is a bug in Deepwire: report the command and this message (run with DEEPWIRE_DEBUG=1 for the stack). Your files were written atomically, so none is half-written.',
  },
  DW810: {
    title: "Packaging needs Electron's binary",
    fix: 'Run `npm run dist` on a machine that can download Electron (or set ELECTRON_MIRROR / ELECTRON_BUILDER_BINARIES_MIRROR to a reachable mirror); `npm run build` still works here.',
  },
  DW811: {
    title: 'Packaging tool not installed',
    fix: 'Install the dev dependencies (`npm ci`); `npm run dist` needs electron-builder.',
  },
  // Start and serve on a fresh clone (issue #17)
  DW816: {
    title: 'The studio page could not be built',
    fix: 'Run `npm run build:web` to see the whole error and fix it (`npm ci` restores the build tools), then `deepwire serve` again; or serve a page built elsewhere with `--web DIR`.',
  },
  DW817: {
    title: 'Electron could not be installed',
    fix: "Electron's installer downloads its binary (about 100 MB) from GitHub: let this machine reach it or set ELECTRON_MIRROR to a reachable mirror, then `npm start` again. Meanwhile the web studio runs instead.",
  },
  DW818: {
    title: 'Node is too old',
    fix: 'Deepwire needs Node 22.12 or newer (Node 22 LTS): install it from https://nodejs.org, or let `.ci/run` fetch it from the npm registry.',
  },
  DW819: {
    title: 'The desktop app could not be built',
    fix: 'Run `npm run build` to see the whole error and fix it (`npm ci` restores the build tools), then `npm start` again.',
  },
  // Sweeps (issue #15): bad --param specs and options
  DW820: {
    title: 'Sweep parameter not understood',
    fix: 'Write it as name=values: a list `dense.units=64,128,256`, a range `dropout.rate=0..0.5`, or a log range `training.learningRate=1e-4..1e-2:log` (`:N` sets the grid points).',
  },
  DW821: {
    title: 'Unknown layer in a sweep parameter',
    fix: 'Start the parameter with a layer name from the graph (as the inspector shows it) or a layer kind (dense, conv2d, dropout…) that has hidden layers.',
  },
  DW822: {
    title: 'Parameter cannot be tuned',
    fix: 'Tune a number, choice or switch the message lists for that layer, or training.learningRate, training.batchSize, training.epochs, training.optimizer.',
  },
  DW823: {
    title: 'Sweep values out of range',
    fix: "Keep the values inside the parameter's limits the message names; a range needs min < max, a log range min > 0.",
  },
  DW824: {
    title: 'Sweep options do not fit',
    fix: 'Check --trials, --budget-epochs, --metric, --parallel and --search against `deepwire sweep --help`, and give each --param once.',
  },
  DW825: {
    title: 'This project cannot be swept',
    fix: 'Sweeps tune classifiers and regressors with a dataset: pick one in Training → Dataset (GAN projects are not swept yet).',
  },
} as const satisfies Record<string, { title: string; fix: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** A located, numbered problem: `where` names the node, JSON path, file:line… */
export interface Problem {
  code: ErrorCode;
  message: string;
  where?: string;
}

/** The error every layer throws for user-facing failures. */
export class DeepwireError extends Error {
  readonly code: ErrorCode;
  readonly where?: string;
  readonly fix: string;
  readonly detail: string;

  constructor(code: ErrorCode, detail: string, where?: string) {
    super(formatProblem({ code, message: detail, where }));
    this.name = 'DeepwireError';
    this.code = code;
    this.where = where;
    this.detail = detail;
    this.fix = ERRORS[code].fix;
  }

  toProblem(): Problem {
    return { code: this.code, message: this.detail, where: this.where };
  }
}

export function formatProblem(p: Problem): string {
  const at = p.where ? ` (at ${p.where})` : '';
  return `${p.code} ${ERRORS[p.code].title}: ${p.message}${at}\n  Fix: ${ERRORS[p.code].fix}`;
}

export function isDeepwireError(e: unknown): e is DeepwireError {
  return e instanceof DeepwireError;
}
