/** DW6xx — studio contract & transports: a title and a fix for each code (the catalogue is ../errors.ts). */
import type { ErrorEntry } from './entry.js';

export const STUDIO_ERRORS = {
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
} as const satisfies Record<`DW6${string}`, ErrorEntry>;
