/**
 * "Generate dataset" (issue #13), shared by `deepwire generate` and the
 * studio: reads a trained GAN project, makes N samples and writes them as an
 * image folder (one subfolder per class) or IDX files that any project can
 * train on.
 */
import { join, resolve } from 'node:path';
import type { Project } from '../../shared/project/index.js';
import type { DatasetConfig } from '../../shared/training/config.js';
import { FASHION_CLASSES } from '../engine/datasets/builtin.js';
import { listImageFolder } from '../engine/datasets/image-folder.js';
import { generateImages } from '../engine/gan/generate.js';
import { IDX_IMAGES, IDX_LABELS, writeGenerated, type GeneratedFormat } from '../engine/gan/write-generated.js';
import { readProjectFile, resolveDatasetPaths } from './project-files.js';

export interface GenerateDatasetRequest {
  /** The trained GAN's .deepwire file (read unless `project` is given; also locates relative dataset paths). */
  projectPath?: string;
  /** The trained GAN project itself (the studio's open document). */
  project?: Project;
  count: number;
  out: string;
  format: GeneratedFormat;
  seed?: number;
}

export interface GenerateDatasetResult {
  out: string;
  format: GeneratedFormat;
  count: number;
  /** Conditional GANs: classes, and samples per class. */
  classes?: number;
  /** What the folder holds (class folders, or the IDX files). */
  files: string[];
  /** A dataset config that trains on the result (paths absolute). */
  dataset?: DatasetConfig;
  seconds: number;
}

/** The class names of a GAN's dataset, where they are known without loading it. */
async function classNames(project: Project, projectPath: string | undefined): Promise<string[] | undefined> {
  if (!project.dataset) return undefined;
  const dataset = projectPath ? resolveDatasetPaths(project.dataset, projectPath) : project.dataset;
  if (dataset.source === 'fashion-mnist') return FASHION_CLASSES;
  if (dataset.source === 'image-folder') return (await listImageFolder(dataset.path).catch(() => undefined))?.classes;
  return undefined;
}

export async function generateDataset(req: GenerateDatasetRequest): Promise<GenerateDatasetResult> {
  const started = performance.now();
  const projectPath = req.projectPath && resolve(req.projectPath);
  const out = resolve(req.out);
  const project = req.project ?? (await readProjectFile(projectPath ?? '')).project;
  const set = generateImages(project, { count: req.count, seed: req.seed }, req.projectPath ?? project.name);
  const names = set.labels ? await classNames(project, projectPath) : undefined;
  const files = await writeGenerated(set, req.format, out, names);
  const [h, w, c] = set.shape;
  let dataset: DatasetConfig | undefined;
  if (set.labels) {
    dataset =
      req.format === 'idx'
        ? {
            source: 'idx',
            images: join(out, IDX_IMAGES),
            labels: join(out, IDX_LABELS),
            validationSplit: 0.1,
            seed: 42,
          }
        : { source: 'image-folder', path: out, size: [h, w], channels: c, validationSplit: 0.1, seed: 42 };
  }
  return {
    out,
    format: req.format,
    count: set.count,
    ...(set.classes ? { classes: set.classes } : {}),
    files,
    ...(dataset ? { dataset } : {}),
    seconds: (performance.now() - started) / 1000,
  };
}
