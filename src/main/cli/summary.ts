/**
 * `deepwire summary <file> [--json]`: a Keras-style summary of a `.deepwire`
 * project, a Keras `to_json()` file or a TF.js `model.json` (told apart by
 * content). Exit 0 when the model is valid, 1 when shape inference finds
 * errors (printed, numbered, each with its fix), 2 for usage errors and files
 * that cannot be read or are not a model.
 */
import { withReadProblems } from '../../shared/keras/read/states.js';
import { readFile } from 'node:fs/promises';
import { DeepwireError, ERRORS, formatProblem, type Problem } from '../../shared/errors.js';
import type { GraphDoc } from '../../shared/graph/types.js';
import { summaryKindOf } from '../../shared/keras/read/kind.js';
import { isZip, kerasArchiveConfig } from '../services/import/keras-archive.js';
import { isOnnxPath, readOnnxFile } from '../engine/import/onnx/file.js';
import { inferShapes } from '../../shared/shape/infer.js';
import type { ProjectKind } from '../../shared/training/config.js';
import type { Diagnostic, ShapeReport } from '../../shared/shape/types.js';
import { readModelDocument, type ModelDocument } from '../../shared/summary/document.js';
import { formatSummary, summarizeGraph, type ModelSummary, type SummaryTotals } from '../../shared/summary/index.js';
import { type CliIo, parseCommand } from './io.js';
import { asNumbered } from './unexpected.js';

export const HELP = `Usage: deepwire summary <file> [--json]

Prints a Keras-style summary (layers, output shapes, parameter counts,
totals and FLOPs) of a model file:
  *.deepwire        a Deepwire project (a GAN prints Generator and Discriminator)
  Keras JSON        the output of model.to_json() (Keras 2 or Keras 3)
  *.keras           a Keras 3 archive (its config.json)
  model.json        a TF.js layers model (model.save / tensorflowjs_converter)
  *.onnx            an ONNX model (opset 11-21) read as \`deepwire import\` reads it
The kind of file is recognised by its content (ONNX by its .onnx extension).

Options:
  --json       print one machine-readable JSON object instead of the table
  -h, --help   show this help

Exit status: 0 valid model, 1 invalid model (diagnostics printed),
2 usage error, or a file that cannot be read or is not a model.`;

const SOURCE_LABEL = {
  deepwire: 'Deepwire project',
  keras: 'Keras JSON',
  tfjs: 'TF.js model.json',
  onnx: 'ONNX model',
} as const;

/** A model document, or an ONNX file read into one (no Keras dialect). */
type SummaryDocument = Omit<ModelDocument, 'source'> & { source: ModelDocument['source'] | 'onnx' };

async function readDocument(file: string): Promise<SummaryDocument> {
  if (!isOnnxPath(file)) return readModelDocument(await readText(file), file);
  const { graph, name, warnings } = await readOnnxFile(file);
  return { source: 'onnx', name: name || file, graph, warnings };
}
const STYLE_LABEL = { keras2: 'Keras 2', keras3: 'Keras 3', tfjs: 'TF.js' } as const;

interface Options {
  file: string;
  json: boolean;
}

function parseArgs(args: string[]): Options | 'help' {
  let file: string | undefined;
  let json = false;
  for (const arg of args) {
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--json') json = true;
    else if (arg.startsWith('-') && arg !== '-')
      throw new DeepwireError('DW801', `unknown option '${arg}' for summary (see deepwire summary --help)`);
    else if (file !== undefined) throw new DeepwireError('DW801', `summary takes one file, got '${file}' and '${arg}'`);
    else file = arg;
  }
  if (file === undefined) throw new DeepwireError('DW801', 'summary needs a file: deepwire summary <file> [--json]');
  return { file, json };
}

/** The file's text; for a Keras 3 `.keras` archive (a zip), its config.json. */
async function readText(file: string): Promise<string> {
  try {
    const bytes = await readFile(file);
    return isZip(bytes) ? kerasArchiveConfig(bytes, file) : new TextDecoder().decode(bytes);
  } catch (e) {
    if (e instanceof DeepwireError) throw e;
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new DeepwireError('DW205', `${file} could not be read: ${reason}`, file);
  }
}

/** `1. DW104 Rank mismatch: …` with the fix indented below. */
function numbered(problems: Problem[]): string[] {
  return problems.map(
    (p, i) => `${i + 1}. ${formatProblem(p).replace(/\n/g, `\n${' '.repeat(String(i + 1).length + 2)}`)}`,
  );
}

function toProblem(d: Diagnostic, graph: GraphDoc): Problem {
  const node = graph.nodes.find((n) => n.id === d.nodeId);
  return { code: d.code, message: d.message, ...(node ? { where: `layer '${node.name}'` } : {}) };
}

const totalsJson = (t: SummaryTotals) => ({
  total_params: t.total,
  trainable_params: t.trainable,
  non_trainable_params: t.nonTrainable,
  flops: t.flops,
});

function jsonReport(file: string, doc: SummaryDocument, summary: ModelSummary, report: ShapeReport) {
  return {
    file,
    kind: doc.source,
    ...(doc.style ? { format: doc.style } : {}),
    ...(doc.projectKind ? { project_kind: doc.projectKind } : {}),
    name: doc.name,
    valid: report.ok,
    models: summary.models.map((m) => ({
      name: m.name,
      layers: m.rows.map((r) => ({
        name: r.name,
        kind: r.kind,
        keras_class: r.kerasClass,
        output_shape: r.outputShape ?? null,
        params: r.params,
        trainable_params: r.trainable,
        non_trainable_params: r.nonTrainable,
        flops: r.flops,
        connected_to: r.connectedTo,
      })),
      totals: totalsJson(m.totals),
    })),
    ...totalsJson(summary.totals),
    diagnostics: report.diagnostics.map((d) => ({
      ...toProblem(d, doc.graph),
      severity: d.severity,
      fix: ERRORS[d.code].fix,
    })),
    warnings: doc.warnings,
  };
}

function printText(io: CliIo, file: string, doc: SummaryDocument, summary: ModelSummary, report: ShapeReport): void {
  const what =
    doc.source === 'deepwire'
      ? `${SOURCE_LABEL.deepwire} (${doc.projectKind})`
      : doc.style
        ? `${SOURCE_LABEL[doc.source]} (${STYLE_LABEL[doc.style]})`
        : SOURCE_LABEL[doc.source];
  io.out(`${file}: ${what}`);
  io.out('');
  io.out(formatSummary(summary));
  for (const w of doc.warnings) io.err(`Note: ${w}`);
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning').map((d) => toProblem(d, doc.graph));
  const errors = report.diagnostics.filter((d) => d.severity === 'error').map((d) => toProblem(d, doc.graph));
  if (warnings.length)
    io.err(['', `${warnings.length} warning${warnings.length > 1 ? 's' : ''}:`, ...numbered(warnings)].join('\n'));
  if (errors.length)
    io.err(
      [
        '',
        `The model is not valid: ${errors.length} problem${errors.length > 1 ? 's' : ''}:`,
        ...numbered(errors),
      ].join('\n'),
    );
}

/** A project's own kind; for a Keras/TF.js file, the kind `deepwire import` would give it (same errors). */
function projectKindOption(doc: SummaryDocument): { projectKind?: ProjectKind } {
  const projectKind = doc.projectKind ?? (doc.source === 'deepwire' ? undefined : summaryKindOf(doc.graph));
  return projectKind ? { projectKind } : {};
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const opts = parseCommand(args, parseArgs, HELP, io);
  if (typeof opts === 'number') return opts;
  const { file, json } = opts;
  let doc: SummaryDocument;
  let report: ShapeReport;
  let summary: ModelSummary;
  try {
    doc = await readDocument(file);
    report = withReadProblems(
      inferShapes(doc.graph, {
        ...projectKindOption(doc),
        ...(doc.sampleShape ? { sampleShape: doc.sampleShape } : {}),
      }),
      doc.problems,
    );
    summary = summarizeGraph(doc.graph, report, { name: doc.name });
  } catch (caught) {
    const e = asNumbered(caught, `summarizing ${file}`);
    if (json) io.out(JSON.stringify({ file, error: { ...e.toProblem(), fix: e.fix } }, null, 2));
    else io.err(numbered([e.toProblem()]).join('\n'));
    return 2;
  }
  if (json) io.out(JSON.stringify(jsonReport(file, doc, summary, report), null, 2));
  else printText(io, file, doc, summary, report);
  return report.ok ? 0 : 1;
}
