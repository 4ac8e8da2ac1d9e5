/**
 * The one catalogue of numbered, actionable errors and diagnostics.
 *
 * Ranges: DW1xx graph & shapes · DW2xx project files · DW3xx Keras/TF.js
 * interop · DW4xx datasets · DW5xx training & engine · DW6xx studio contract
 * & transports · DW7xx export · DW8xx command line.
 * Each entry has a short title and a fix that tells the user what to do; each range
 * lives in its own file under errors/, whose type admits only that range's codes.
 */
import { GRAPH_ERRORS } from './errors/graph.js';
import { PROJECT_ERRORS } from './errors/project.js';
import { INTEROP_ERRORS } from './errors/keras.js';
import { DATASET_ERRORS } from './errors/datasets.js';
import { TRAINING_ERRORS } from './errors/training.js';
import { STUDIO_ERRORS } from './errors/studio.js';
import { EXPORT_ERRORS } from './errors/export.js';
import { CLI_ERRORS } from './errors/cli.js';

export const ERRORS = {
  ...GRAPH_ERRORS,
  ...PROJECT_ERRORS,
  ...INTEROP_ERRORS,
  ...DATASET_ERRORS,
  ...TRAINING_ERRORS,
  ...STUDIO_ERRORS,
  ...EXPORT_ERRORS,
  ...CLI_ERRORS,
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** A located, numbered problem: `where` names the node, JSON path, file:line… */
export interface Problem {
  code: ErrorCode;
  message: string;
  where?: string;
}

/** The error every layer throws for user-facing failures. */
export class DeepwireError extends Error {
  readonly code: ErrorCode;
  readonly where?: string;
  readonly fix: string;
  readonly detail: string;

  constructor(code: ErrorCode, detail: string, where?: string) {
    super(formatProblem({ code, message: detail, where }));
    this.name = 'DeepwireError';
    this.code = code;
    this.where = where;
    this.detail = detail;
    this.fix = ERRORS[code].fix;
  }

  toProblem(): Problem {
    return { code: this.code, message: this.detail, where: this.where };
  }
}

export function formatProblem(p: Problem): string {
  const at = p.where ? ` (at ${p.where})` : '';
  return `${p.code} ${ERRORS[p.code].title}: ${p.message}${at}\n  Fix: ${ERRORS[p.code].fix}`;
}

export function isDeepwireError(e: unknown): e is DeepwireError {
  return e instanceof DeepwireError;
}
