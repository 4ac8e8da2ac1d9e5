/**
 * `deepwire` entry: dispatches to one module per command. Each command module
 * exports `run(args, io)` returning the process exit code
 * (0 ok, 1 invalid model / failed run, 2 usage or unreadable input).
 */
import { EXPORT_FORMATS } from '../../shared/api/export.js';
import { DeepwireError, formatProblem } from '../../shared/errors.js';
import type { CliIo } from './io.js';
import { processIo } from './io.js';

export interface CommandModule {
  run(args: string[], io: CliIo): Promise<number>;
}

/** Command name -> lazy module, so `deepwire summary` never loads TF.js. */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  summary: {
    summary: 'print a Keras-style summary of a .deepwire, Keras JSON or TF.js model.json',
    load: () => import('./summary.js'),
  },
  train: { summary: 'train a project and save its weights', load: () => import('./train.js') },
  export: {
    summary: `export a trained project (${EXPORT_FORMATS.join(', ')})`,
    load: () => import('./export.js'),
  },
  import: {
    summary: 'make a project from a TF.js model.json or a Keras JSON / export folder, with its weights',
    load: () => import('./import.js'),
  },
  serve: { summary: 'serve the studio in a browser (loopback, with a token)', load: () => import('./serve.js') },
  inspect: {
    summary:
      'write PNGs of what a trained image classifier does with a test sample or an image file (layers, filters, saliency, Grad-CAM, embedding)',
    load: () => import('./inspect.js'),
  },
  runs: { summary: 'list, compare, delete or restore the training runs of a project', load: () => import('./runs.js') },
  sweep: {
    summary: 'search hyperparameters and layer sizes: trials recorded as runs, bad ones stopped early',
    load: () => import('./sweep.js'),
  },
  doctor: { summary: 'report the training backends available on this machine', load: () => import('./doctor.js') },
  bundle: {
    summary: 'write a folder that trains a project with PyTorch where Deepwire is not installed',
    load: () => import('./bundle.js'),
  },
  generate: {
    summary: 'write samples of a trained GAN as a dataset (PNG folders per class, or IDX)',
    load: () => import('./generate.js'),
  },
  translate: {
    summary: 'translate image files with a trained CycleGAN generator (a2b or b2a)',
    load: () => import('./translate.js'),
  },
};

export function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`);
  return [
    'Usage: deepwire <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    'Run `deepwire <command> --help` for its options.',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.out(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    const { createRequire } = await import('node:module');
    io.out((createRequire(import.meta.url)('../../../package.json') as { version: string }).version);
    return 0;
  }
  // Own keys only: `deepwire toString` is an unknown command, not Object.prototype's.
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(formatProblem({ code: 'DW801', message: `unknown command '${name}'` }));
    io.err(usage());
    return 2;
  }
  let mod: CommandModule;
  try {
    mod = await command.load();
  } catch (e) {
    io.err(
      formatProblem({ code: 'DW801', message: `'${name}' is not available in this build (${(e as Error).message})` }),
    );
    return 2;
  }
  try {
    return await mod.run(rest, io);
  } catch (e) {
    if (e instanceof DeepwireError) {
      io.err(e.message);
      return e.code.startsWith('DW8') || e.code === 'DW205' ? 2 : 1;
    }
    // A bug, not the user's input: one numbered line, the stack only when asked for.
    const error = e instanceof Error ? e : new Error(String(e));
    io.err(formatProblem({ code: 'DW812', message: `'${name}' failed: ${error.message}` }));
    if (process.env.DEEPWIRE_DEBUG) io.err(error.stack ?? '');
    return 1;
  }
}
