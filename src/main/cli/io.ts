import { DeepwireError } from '../../shared/errors.js';
import { safeText } from './terminal.js';

/** The CLI's window on the world, so commands are tested without a terminal. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** True when stdout is a terminal (progress bars are drawn only then). */
  isTty: boolean;
  /** Redraw the current terminal line (progress bars). */
  status(line: string): void;
}

/** Carriage return and "erase line": the progress bar's own codes, never mixed into user text. */
const REDRAW_LINE = '\r\x1b[2K';

type OutStream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean };

/**
 * The CLI's one way out to a terminal: every line passes through safeText,
 * so control characters from users' files are shown, not obeyed.
 */
export function terminalIo(stdout: OutStream, stderr: OutStream): CliIo {
  return {
    out: (line) => stdout.write(safeText(line) + '\n'),
    err: (line) => stderr.write(safeText(line) + '\n'),
    isTty: Boolean(stdout.isTTY),
    status: (line) => {
      if (stdout.isTTY) stdout.write(REDRAW_LINE + safeText(line));
    },
  };
}

export const processIo: CliIo = terminalIo(process.stdout, process.stderr);

/** An in-memory CliIo for tests. */
export function memoryIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), isTty: false, status: () => {} };
}

/** A command's one positional argument, the project: an unknown option or a second project is DW801. */
export function projectArg(command: string, current: string | undefined, arg: string): string {
  if (arg.startsWith('-')) {
    throw new DeepwireError('DW801', `unknown option '${arg}' for ${command} (see deepwire ${command} --help)`);
  }
  if (current !== undefined) {
    throw new DeepwireError('DW801', `${command} takes one project, got '${current}' and '${arg}'`);
  }
  return arg;
}

/**
 * Parses a command's options: a usage error prints its numbered message and
 * gives exit code 2; `--help` prints the help and gives 0. Otherwise the options.
 */
export function parseCommand<O>(
  args: string[],
  parse: (args: string[]) => O | 'help',
  help: string,
  io: CliIo,
): O | number {
  let opts: O | 'help';
  try {
    opts = parse(args);
  } catch (e) {
    if (!(e instanceof DeepwireError)) throw e;
    io.err(e.message);
    return 2;
  }
  if (opts === 'help') {
    io.out(help);
    return 0;
  }
  return opts;
}
