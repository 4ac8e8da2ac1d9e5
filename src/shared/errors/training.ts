/** DW5xx — training & engine: a title and a fix for each code (the catalogue is ../errors.ts). */
import type { ErrorEntry } from './entry.js';

export const TRAINING_ERRORS = {
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
} as const satisfies Record<`DW5${string}`, ErrorEntry>;
