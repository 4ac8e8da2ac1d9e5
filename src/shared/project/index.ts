/** The `*.deepwire` project format: schema, parse/serialize, migrations, weights, builders. */
export * from './format.js';
export {
  projectSchema,
  appInfoSchema,
  viewSchema,
  type Project,
  type ProjectInput,
  type ProjectView,
} from './schema.js';
export { runRecordSchema, RUN_OUTCOMES, type RunRecord, type RunOutcome } from './runs-schema.js';
export {
  weightsSchema,
  weightSpecSchema,
  WEIGHTS_FORMAT,
  WEIGHTS_ENCODING,
  type WeightSpec,
  type WeightsBlob,
} from './weights-schema.js';
export { parseProject, projectProblems, type ParsedProject } from './parse.js';
export { serializeProject, normalizeProject, formatProject } from './serialize.js';
export { migrate, MIGRATIONS, type Migration } from './migrations.js';
export {
  newProject,
  touchProject,
  defaultTraining,
  defaultDataset,
  weightsStatus,
  type NewProjectOptions,
  type WeightsStatus,
} from './create.js';
export { encodeWeights, decodeWeights, weightsProblems, specsByteLength, type NamedTensor } from './weights.js';
export { graphRevision, canonicalJson } from './revision.js';
export { GraphBuilder, layer, kerasBaseName, type LayerDef } from './builder.js';
export { jsonPath } from './issues.js';
export { findJsonSyntaxError, lineColumn, type JsonSyntaxError } from './json-error.js';
