/**
 * Reading a project file's text: JSON → format check → version check →
 * migration → schema → weight checks. Every failure is a numbered
 * DeepwireError naming where it is; nothing here crashes on bad input.
 */
import { DeepwireError, type Problem } from '../errors.js';
import { MAX_JSON_DEPTH, tooDeepAt } from '../json-depth.js';
import { CURRENT_VERSION, PROJECT_FORMAT } from './format.js';
import { issueToProblem } from './issues.js';
import { findJsonSyntaxError } from './json-error.js';
import { fillLegacyParams, migrate } from './migrations.js';
import { projectSchema, type Project } from './schema.js';
import { weightsProblems } from './weights.js';

export interface ParsedProject {
  project: Project;
  /** The format version the file had, when it was older and migrated in memory: warn before overwriting it. */
  migratedFrom?: number;
  /** Problems that do not stop the project from opening (DW207: weights damaged or stale). */
  warnings: Problem[];
}

function fail(p: Problem, prefix: string): never {
  throw new DeepwireError(p.code, prefix + p.message, p.where);
}

function looksLikeKeras(v: Record<string, unknown>): boolean {
  return 'modelTopology' in v || 'class_name' in v || 'keras_version' in v || 'weightsManifest' in v;
}

/** Every schema problem of an (already migrated) document; empty when valid. */
export function projectProblems(doc: unknown): Problem[] {
  const r = projectSchema.safeParse(doc);
  return r.success ? [] : r.error.issues.map((i) => issueToProblem(i, doc));
}

/**
 * Parses the text of a `*.deepwire` file. `source` (a file name) prefixes
 * messages and the line:column of JSON errors.
 */
export function parseProject(text: string, source?: string): ParsedProject {
  const prefix = source ? `${source}: ` : '';
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '')
    fail({ code: 'DW202', message: 'the file is empty', where: source ? `${source}:1:1` : '1:1' }, '');

  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    const e = findJsonSyntaxError(body) ?? { line: 1, column: 1, message: 'the JSON could not be read' };
    fail(
      {
        code: 'DW202',
        message: `${prefix}line ${e.line}, column ${e.column}: ${e.message}`,
        where: `${source ? `${source}:` : ''}${e.line}:${e.column}`,
      },
      '',
    );
  }

  // Before anything walks the value recursively (schema messages, JSON.stringify).
  const deepAt = tooDeepAt(raw);
  if (deepAt !== null) {
    fail(
      {
        code: 'DW212',
        message: `values are nested more than ${MAX_JSON_DEPTH} levels deep; no project nests that deep`,
        where: deepAt,
      },
      prefix,
    );
  }

  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    fail(
      {
        code: 'DW201',
        message: `the file holds ${Array.isArray(raw) ? 'an array' : `a ${raw === null ? 'null' : typeof raw}`}, not a project object`,
      },
      prefix,
    );
  }
  const doc = raw as Record<string, unknown>;
  if (doc.format !== PROJECT_FORMAT) {
    const hint = looksLikeKeras(doc) ? ' (it looks like a Keras/TF.js model: import it instead)' : '';
    const got = doc.format === undefined ? 'no "format" field' : `"format": ${JSON.stringify(doc.format)}`;
    fail(
      { code: 'DW201', message: `expected "format": "${PROJECT_FORMAT}", found ${got}${hint}`, where: 'format' },
      prefix,
    );
  }

  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    fail(
      {
        code: 'DW203',
        message: `expected a whole format version number, found ${JSON.stringify(version) ?? 'nothing'}`,
        where: 'version',
      },
      prefix,
    );
  }
  const v = version as number;
  if (v > CURRENT_VERSION) {
    const app = doc.app as { name?: unknown; version?: unknown } | undefined;
    const by =
      typeof app?.version === 'string'
        ? ` by ${typeof app.name === 'string' ? app.name : 'Deepwire'} ${app.version}`
        : '';
    fail(
      {
        code: 'DW204',
        message: `the file has format version ${v}${by}; this Deepwire reads versions up to ${CURRENT_VERSION}`,
        where: 'version',
      },
      prefix,
    );
  }

  let current: unknown = doc;
  if (v < CURRENT_VERSION) {
    try {
      current = migrate(doc, v);
    } catch (e) {
      if (e instanceof DeepwireError) fail(e.toProblem(), prefix);
      throw e;
    }
  }

  current = fillLegacyParams(current);
  const checked = projectSchema.safeParse(current);
  if (!checked.success) {
    const problems = checked.error.issues.map((i) => issueToProblem(i, current));
    const more =
      problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    const note = v < CURRENT_VERSION ? ` (after migrating from format version ${v})` : '';
    fail({ ...problems[0], message: problems[0].message + note + more }, prefix);
  }
  const project = checked.data!;
  const warnings = project.weights
    ? weightsProblems(project.weights, project.graph).map((p) => ({ ...p, message: prefix + p.message }))
    : [];
  return v < CURRENT_VERSION ? { project, migratedFrom: v, warnings } : { project, warnings };
}
