import { DeepwireError, type ErrorCode } from '../../shared/errors.js';
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

/**
 * Walks a command's arguments in order. `--name value` and `--name=value`
 * both reach `visit` as `name` with `value()` giving the value; a missing
 * value or a value given to a switch is DW801. Returns 'help' on -h/--help.
 */
export function walkArgs(args: string[], visit: (arg: string, value: () => string) => void): 'help' | undefined {
  for (let i = 0; i < args.length; i++) {
    const raw = args[i];
    if (raw === '-h' || raw === '--help') return 'help';
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const arg = eq > 0 ? raw.slice(0, eq) : raw;
    let inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    visit(arg, () => {
      if (inline !== undefined) {
        const v = inline;
        inline = undefined;
        return v;
      }
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new DeepwireError('DW801', `${arg} needs a value`);
      return v;
    });
    if (inline !== undefined) throw new DeepwireError('DW801', `${arg} takes no value, got '${raw}'`);
  }
  return undefined;
}

/** A whole-number option value within [min, max], else DW801 naming the option. */
export function wholeNumber(flag: string, v: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    throw new DeepwireError('DW801', `${flag} needs a whole number ${range}, got '${v}'`);
  }
  return n;
}

/**
 * A command's numbered failure: the error event on stdout with --json, the
 * message on stderr; exit 2 when `badInput` says the user's input is at
 * fault, else 1. Anything that is not a DeepwireError is rethrown (DW812).
 */
export function commandFailed(e: unknown, json: boolean, io: CliIo, badInput: (code: ErrorCode) => boolean): number {
  if (!(e instanceof DeepwireError)) throw e;
  if (json) io.out(JSON.stringify({ event: 'error', code: e.code, message: e.detail, where: e.where ?? null }));
  io.err(e.message);
  return badInput(e.code) ? 2 : 1;
}
