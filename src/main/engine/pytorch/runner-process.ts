/**
 * The Python process of a PyTorch run, supervised as the engine supervises
 * its worker: JSON lines from its stdout become messages, commands go to its
 * stdin, the last lines of its stderr are kept for the error message, and
 * its end is always reported (exit code or signal), so a crashed or killed
 * Python is an error, never a hang. Closing its stdin (this thread ending)
 * makes the runner exit on its own.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { RunCommand } from '../../../shared/training/protocol.js';

const STDERR_LINES = 12;

export interface RunnerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (e.g. ENOENT). */
  spawnError?: Error;
  /** The last lines the process wrote to stderr. */
  stderrTail: string[];
}

export interface RunnerProcess {
  readonly pid: number | undefined;
  send(command: RunCommand): void;
  kill(): void;
  /** Resolves when the process has exited and its stdout is read to the end. */
  readonly exited: Promise<RunnerExit>;
}

export interface RunnerSpawn {
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export function startRunner(
  spec: RunnerSpawn,
  onMessage: (message: unknown) => void,
  onStderrLine?: (line: string) => void,
): RunnerProcess {
  const child: ChildProcessWithoutNullStreams = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    // Supervised: the runner takes commands on stdin and exits when it closes.
    env: { ...process.env, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1', DEEPWIRE_SUPERVISED: '1', ...spec.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  let spawnError: Error | undefined;
  const stdoutDone = new Promise<void>((resolve) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const text = line.trim();
      if (!text.startsWith('{')) return;
      try {
        onMessage(JSON.parse(text));
      } catch {
        // Not one of the runner's lines (a library printing to stdout): ignore it.
      }
    });
    lines.on('close', resolve);
  });
  createInterface({ input: child.stderr }).on('line', (line) => {
    tail.push(line);
    if (tail.length > STDERR_LINES) tail.shift();
    onStderrLine?.(line);
  });
  // A write after the process died raises EPIPE on stdin: the exit says what happened.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<RunnerExit>((resolve) => {
    child.on('error', (e) => {
      spawnError = e;
      resolve({ code: null, signal: null, spawnError, stderrTail: tail });
    });
    child.on('close', (code, signal) => {
      void stdoutDone.then(() => resolve({ code, signal, spawnError, stderrTail: tail }));
    });
  });
  return {
    get pid() {
      return child.pid;
    },
    send(command) {
      if (child.stdin.writable) child.stdin.write(JSON.stringify({ type: command }) + '\n');
    },
    kill() {
      child.kill('SIGKILL');
    },
    exited,
  };
}
