/**
 * Project files on disk: read (check, migrate) and write (validate, stamp,
 * atomic replace), plus the example projects shipped in resources/examples.
 * The studio's ProjectFilesPort binds to these functions.
 */
import { promises as fs } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { DeepwireError } from '../../shared/errors.js';
import {
  PROJECT_EXTENSION,
  newProject,
  formatProject,
  normalizeProject,
  parseProject,
  touchProject,
  type ParsedProject,
  type Project,
  type ProjectInput,
} from '../../shared/project/index.js';
import type { DatasetConfig, ProjectKind } from '../../shared/training/config.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { describeFsError } from '../files/fs-errors.js';

/** Reads and checks a `.deepwire` file: DW205 when it cannot be read, DW201–204/DW112 when it is not a valid project. */
export async function readProjectFile(path: string): Promise<ParsedProject> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    throw new DeepwireError('DW205', `could not read ${path}: ${describeFsError(e)}`, path);
  }
  return parseProject(text, basename(path));
}

export interface WriteOptions {
  /** Stamp `modifiedAt` and `app` with now and this build (default true). */
  touch?: boolean;
  now?: Date;
}

/**
 * Validates (DW203 — nothing is written for an invalid project) and writes
 * atomically (DW206 naming the path; the old file stays intact). Returns the
 * project as saved.
 */
export async function writeProjectFile(
  path: string,
  project: Project | ProjectInput | Readonly<Record<string, unknown>>,
  opts: WriteOptions = {},
): Promise<Project> {
  const saved = normalizeProject(opts.touch === false ? project : touchProject(project, opts.now));
  await writeFileAtomic(path, formatProject(saved));
  return saved;
}

/** Dataset paths in a project are relative to the project file's folder; this makes them absolute. */
export function resolveDatasetPaths(config: DatasetConfig, projectPath: string): DatasetConfig {
  const base = dirname(resolve(projectPath));
  const abs = (p: string) => (isAbsolute(p) ? p : join(base, p));
  // "Add generated samples" names a GAN project, also relative to this one.
  const dataset = config.generated
    ? { ...config, generated: { ...config.generated, project: abs(config.generated.project) } }
    : config;
  switch (dataset.source) {
    case 'image-folder':
    case 'csv':
    case 'csv-series':
    case 'csv-tokens':
      return { ...dataset, path: abs(dataset.path) };
    case 'idx':
      return { ...dataset, images: abs(dataset.images), labels: abs(dataset.labels) };
    default:
      return dataset;
  }
}

export interface ExampleSummary {
  id: string;
  name: string;
  kind: ProjectKind;
  description: string;
}

/** The examples in `examplesDir`, sorted by id. A broken example is a bug: it throws. */
export async function listExamples(examplesDir: string): Promise<ExampleSummary[]> {
  const files = (await fs.readdir(examplesDir)).filter((f) => f.endsWith(PROJECT_EXTENSION)).sort();
  return Promise.all(
    files.map(async (file) => {
      const { project } = await readProjectFile(join(examplesDir, file));
      return {
        id: basename(file, PROJECT_EXTENSION),
        name: project.name,
        kind: project.kind,
        description: project.description,
      };
    }),
  );
}

/**
 * An example by id, with its dataset paths made absolute (examples open as
 * unsaved copies, so relative paths would lose their folder).
 */
export async function readExample(examplesDir: string, id: string): Promise<Project> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new DeepwireError('DW205', `there is no example named "${id}"`, id);
  const path = join(examplesDir, `${id}${PROJECT_EXTENSION}`);
  const { project } = await readProjectFile(path);
  return project.dataset ? { ...project, dataset: resolveDatasetPaths(project.dataset, path) } : project;
}

/** A new project: empty, or a copy of an example (new name, fresh dates, no runs or weights). */
export async function createProject(
  kind: ProjectKind,
  examplesDir: string,
  template?: string,
  now = new Date(),
): Promise<Project> {
  if (!template) return newProject(kind, `Untitled ${kind}`, { now });
  const example = await readExample(examplesDir, template);
  const { weights: _weights, ...rest } = example;
  return { ...rest, createdAt: now.toISOString(), modifiedAt: now.toISOString(), runs: [] };
}
