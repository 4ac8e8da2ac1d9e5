/**
 * One export entry point for the CLI (`deepwire export`) and the studio's
 * `export.run` handler: a project, a format and a folder in; files written
 * atomically, with progress reports and warnings, out.
 *
 * Weight formats of a project that was never trained hold its seeded
 * initial weights (the ones training starts from) and say so: a warning
 * here, `trained: false` in the files. `requireTrained` refuses instead
 * (DW508). Everything is built in memory before the first file is written,
 * so a failing export (DW701 …) leaves the folder untouched; the files are
 * then written as a whole (a staging folder beside the destination, moved
 * into place), so a killed export leaves no truncated file, and nothing is
 * written through a link leading out of the folder (DW615).
 */
import { createRequire } from 'node:module';
import {
  EXPORT_FORMATS,
  EXPORT_FORMAT_INFO,
  isExportFormat,
  type ExportFormat as ExportFormatName,
} from '../../shared/api/export.js';
import { DeepwireError } from '../../shared/errors.js';
import type { Project } from '../../shared/project/schema.js';
import { cardFiles } from '../engine/export/card.js';
import { fileSize, writeExportFiles, type ExportFile } from '../engine/export/files.js';
import { historyFiles } from '../engine/export/history.js';
import { kerasFiles } from '../engine/export/keras/index.js';
import { disposeExportModels, loadExportModels, type ExportModels } from '../engine/export/models.js';
import { onnxFiles } from '../engine/export/onnx/index.js';
import { kerasPyFiles, pytorchFiles } from '../engine/export/python/index.js';
import { sampleFiles } from '../engine/export/samples.js';
import { tensorboardFiles } from '../engine/export/tensorboard.js';
import { tfjsFiles } from '../engine/export/tfjs.js';
import { resolveDatasetPaths } from './project-files.js';

// The one list of formats lives in the contract; the writers are here.
export { EXPORT_FORMATS, EXPORT_FORMAT_INFO, isExportFormat } from '../../shared/api/export.js';
export type { ExportFormat as ExportFormatName } from '../../shared/api/export.js';

export interface ExportOptions {
  /** Refuse (DW508) to export weights of a project that has none. */
  requireTrained?: boolean;
  /** The project's file: relative dataset paths in generated scripts are made absolute against it. */
  projectPath?: string;
  /** Stamped into the files (default: this package's version). */
  version?: string;
  /** The date written into a model card (default: now). */
  now?: Date;
}

export interface ExportRequest {
  format: ExportFormatName;
  outDir: string;
  options?: ExportOptions;
}

export interface ExportProgress {
  /** 0..1 over the whole export. */
  fraction: number;
  /** What is happening, e.g. 'building the model', 'writing weights/dense/kernel.npy'. */
  message: string;
}

export interface ExportOutcome {
  format: ExportFormatName;
  /** Absolute paths of every file written, in order. */
  files: string[];
  bytes: number;
  /** False when the exported weights are the untrained initial ones. */
  trained: boolean;
  warnings: string[];
}

export const packageVersion = (): string =>
  (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

type Progress = (p: ExportProgress) => void;

function build(
  format: ExportFormatName,
  project: Project,
  loaded: ExportModels | undefined,
  version: string,
  opts: ExportOptions,
): ExportFile[] {
  const models = loaded?.models ?? [];
  const trained = loaded?.trained ?? project.weights !== undefined;
  const scripted =
    opts.projectPath && project.dataset
      ? { ...project, dataset: resolveDatasetPaths(project.dataset, opts.projectPath) }
      : project;
  switch (format) {
    case 'onnx':
      return onnxFiles(models, { producerVersion: version, projectName: project.name, trained });
    case 'keras':
      return kerasFiles(models, { projectName: project.name, trained });
    case 'pytorch':
      return pytorchFiles(scripted, models, { version, trained });
    case 'keras-py':
      return kerasPyFiles(scripted, models, { version, trained });
    case 'history':
      return historyFiles(project);
    case 'tensorboard':
      return tensorboardFiles(project);
    case 'card':
      return cardFiles(project, models, {
        version,
        trained,
        date: (opts.now ?? new Date()).toISOString().slice(0, 10),
      });
    case 'samples':
      return sampleFiles(models, { seed: project.training.seed });
    case 'tfjs':
      return [];
  }
}

/** One model: model.json + weights.bin in the folder; several (a GAN): one sub-folder each. */
async function tfjsExportFiles(loaded: ExportModels): Promise<ExportFile[]> {
  const files: ExportFile[] = [];
  for (const m of loaded.models)
    files.push(...(await tfjsFiles(m.model, loaded.models.length > 1 ? `${m.name}/` : '')));
  return files;
}

export async function runExport(
  project: Project,
  request: ExportRequest,
  onProgress: Progress = () => {},
): Promise<ExportOutcome> {
  const { format, outDir } = request;
  const opts = request.options ?? {};
  if (!isExportFormat(format))
    throw new DeepwireError(
      'DW704',
      `'${String(format)}' is not an export format (${EXPORT_FORMATS.join(', ')})`,
      String(format),
    );
  const version = opts.version ?? packageVersion();
  const warnings: string[] = [];
  const needsModels = EXPORT_FORMAT_INFO[format].weights || (format === 'card' && project.kind === 'gan');
  onProgress({ fraction: 0, message: needsModels ? 'building the model' : 'reading the project' });
  const loaded = needsModels
    ? loadExportModels(project, { requireTrained: opts.requireTrained && EXPORT_FORMAT_INFO[format].weights })
    : undefined;
  try {
    if (loaded) warnings.push(...loaded.warnings);
    if (format === 'history' && project.runs.length === 0)
      warnings.push(`'${project.name}' has no recorded runs: the history files hold only their headers.`);
    if (format === 'tensorboard' && project.runs.length === 0)
      warnings.push(`'${project.name}' has no recorded runs: no event files were written.`);
    onProgress({ fraction: 0.2, message: `converting to ${format}` });
    const files = format === 'tfjs' ? await tfjsExportFiles(loaded!) : build(format, project, loaded, version, opts);
    const bytes = files.reduce((n, f) => n + fileSize(f), 0);
    onProgress({ fraction: 0.6, message: `writing ${files.length} files into ${outDir}` });
    const written = await writeExportFiles(outDir, files);
    onProgress({ fraction: 1, message: 'done' });
    return { format, files: written, bytes, trained: loaded?.trained ?? project.weights !== undefined, warnings };
  } finally {
    if (loaded) disposeExportModels(loaded);
  }
}
