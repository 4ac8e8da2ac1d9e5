/** DW8xx — command line: a title and a fix for each code (the catalogue is ../errors.ts). */
import type { ErrorEntry } from './entry.js';

export const CLI_ERRORS = {
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
  // Inside the network (issue #15)
  DW826: {
    title: 'Inspect a test sample or an image, not both',
    fix: 'Give `--sample N` to inspect test sample N, or `--image FILE` to inspect a PNG or JPEG file of your own, not both.',
  },
} as const satisfies Record<`DW8${string}`, ErrorEntry>;
