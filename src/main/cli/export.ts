/**
 * `deepwire export <project> --format F --out DIR [--require-trained] [--json]`:
 * writes one export format of a `.deepwire` project through the same
 * runExport the studio uses. Exit 0 when written, 1 when the export failed
 * (a layer the format cannot express, an unwritable folder, no trained
 * weights with --require-trained), 2 for usage errors and unreadable or
 * invalid projects.
 */
import { resolve } from 'node:path';
import { DeepwireError, type ErrorCode } from '../../shared/errors.js';
import {
  EXPORT_FORMATS,
  EXPORT_FORMAT_INFO,
  isExportFormat,
  runExport,
  type ExportFormatName,
  type ExportOutcome,
} from '../services/exports.js';
import { readProjectFile } from '../services/project-files.js';
import { type CliIo, commandFailed, parseCommand, projectArg, walkArgs } from './io.js';

export const HELP = `Usage: deepwire export <project.deepwire> --format <format> --out <folder> [options]

Writes the model of a project in another format. Formats:
${EXPORT_FORMATS.map((f) => `  ${f.padEnd(11)} ${EXPORT_FORMAT_INFO[f].description}`).join('\n')}

A project that was never trained exports its initial weights, with a
warning; --require-trained makes that an error (DW508) instead.

Options:
  --format, -f <format>   one of the formats above (required)
  --out, -o <folder>      the folder to write into, created if missing (required)
  --require-trained       refuse to export weights of an untrained project
  --json                  print one JSON object with the files written
  -h, --help              show this help

Exit status: 0 written, 1 export failed, 2 usage error or unreadable project.`;

interface Options {
  project: string;
  format: ExportFormatName;
  out: string;
  requireTrained: boolean;
  json: boolean;
}

function parseArgs(args: string[]): Options | 'help' {
  let project: string | undefined;
  let format: string | undefined;
  let out: string | undefined;
  let requireTrained = false;
  let json = false;
  const help = walkArgs(args, (arg, value) => {
    if (arg === '--format' || arg === '-f') format = value();
    else if (arg === '--out' || arg === '-o') out = value();
    else if (arg === '--require-trained') requireTrained = true;
    else if (arg === '--json') json = true;
    else project = projectArg('export', project, arg);
  });
  if (help) return help;
  if (project === undefined)
    throw new DeepwireError(
      'DW801',
      'export needs a project: deepwire export <project.deepwire> --format <format> --out <folder>',
    );
  if (format === undefined) throw new DeepwireError('DW801', `export needs --format (${EXPORT_FORMATS.join(', ')})`);
  if (!isExportFormat(format)) throw new DeepwireError('DW704', `'${format}' is not an export format`, format);
  if (out === undefined) throw new DeepwireError('DW801', 'export needs --out <folder>');
  return { project, format, out, requireTrained, json };
}

/** Bad input (the command line, the project file) exits 2; a failed export exits 1. */
const BAD_INPUT = (code: ErrorCode) => code.startsWith('DW2') || code.startsWith('DW8') || code === 'DW704';

const size = (bytes: number) =>
  bytes >= 1 << 20
    ? `${(bytes / (1 << 20)).toFixed(1)} MB`
    : bytes >= 1024
      ? `${(bytes / 1024).toFixed(1)} kB`
      : `${bytes} B`;

function report(io: CliIo, o: ExportOutcome, out: string, seconds: number): void {
  io.out(
    `Exported ${o.format}: ${o.files.length} file${o.files.length === 1 ? '' : 's'}, ${size(o.bytes)}, in ${seconds.toFixed(1)} s -> ${out}`,
  );
  const shown = o.files.length > 12 ? [...o.files.slice(0, 10), `… and ${o.files.length - 10} more`] : o.files;
  for (const f of shown) io.out(`  ${f}`);
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const opts = parseCommand(args, parseArgs, HELP, io);
  if (typeof opts === 'number') return opts;
  const out = resolve(opts.out);
  const started = performance.now();
  try {
    const { project } = await readProjectFile(opts.project);
    const outcome = await runExport(
      project,
      {
        format: opts.format,
        outDir: out,
        options: { requireTrained: opts.requireTrained, projectPath: resolve(opts.project) },
      },
      (p) =>
        io.status(`export ${opts.format} [${'#'.repeat(Math.round(p.fraction * 20)).padEnd(20, '.')}] ${p.message}`),
    );
    if (io.isTty) io.status('');
    for (const w of outcome.warnings) io.err(`warning: ${w}`);
    const seconds = (performance.now() - started) / 1000;
    if (opts.json)
      io.out(
        JSON.stringify({
          event: 'done',
          format: outcome.format,
          out,
          files: outcome.files,
          bytes: outcome.bytes,
          trained: outcome.trained,
          warnings: outcome.warnings,
          seconds,
        }),
      );
    else report(io, outcome, out, seconds);
    return 0;
  } catch (e) {
    if (io.isTty) io.status('');
    return commandFailed(e, opts.json, io, BAD_INPUT);
  }
}
