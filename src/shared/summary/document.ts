/**
 * Any model document Deepwire summarizes -> a graph plus what shape inference
 * needs: a `*.deepwire` project, Keras `to_json()` output, or a TF.js
 * `model.json`. Told apart by content (the extension only breaks ties), so a
 * Keras model saved as `model.txt` still reads. Pure: the caller reads the file.
 */
import { DeepwireError, formatProblem } from '../errors.js';
import type { GraphDoc } from '../graph/types.js';
import { readKerasModel } from '../keras/read/index.js';
import { looksLikeKerasJson } from '../keras/read/unwrap.js';
import type { KerasStyle } from '../keras/types.js';
import { PROJECT_EXTENSION, PROJECT_FORMAT } from '../project/format.js';
import { findJsonSyntaxError } from '../project/json-error.js';
import { knownSampleShape } from '../project/dataset-fit.js';
import { parseProject } from '../project/parse.js';
import type { Diagnostic } from '../shape/types.js';
import type { ProjectKind } from '../training/config.js';

export interface ModelDocument {
  /** What the file is. */
  source: 'deepwire' | 'keras' | 'tfjs';
  /** The Keras dialect, for Keras and TF.js files. */
  style?: KerasStyle;
  /** Project name, or the Keras model name. */
  name: string;
  graph: GraphDoc;
  projectKind?: ProjectKind;
  /** The dataset's sample shape when the project's dataset settings tell it without reading data. */
  sampleShape?: number[];
  /** What a Keras file holds that no project can (DW319), reported beside shape inference's diagnostics. */
  problems?: Diagnostic[];
  /** Non-fatal notes: approximations of a Keras import, damaged stored weights. */
  warnings: string[];
}

function fromProject(text: string, fileName: string): ModelDocument {
  const { project, warnings } = parseProject(text, fileName);
  const sampleShape = knownSampleShape(project.dataset);
  return {
    source: 'deepwire',
    name: project.name,
    graph: project.graph,
    projectKind: project.kind,
    ...(sampleShape ? { sampleShape } : {}),
    warnings: warnings.map((p) => formatProblem(p)),
  };
}

function fromKeras(json: unknown): ModelDocument {
  const read = readKerasModel(json);
  return {
    source: read.file,
    style: read.style,
    name: read.name,
    graph: read.graph,
    warnings: read.warnings,
    ...(read.problems.length ? { problems: read.problems } : {}),
  };
}

/**
 * Reads the text of a model file. Throws numbered errors: DW2xx for a damaged
 * project, DW3xx for Keras JSON Deepwire cannot read, DW802 for anything else.
 */
export function readModelDocument(text: string, fileName: string): ModelDocument {
  const isProject = fileName.toLowerCase().endsWith(PROJECT_EXTENSION);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    if (isProject) return fromProject(text, fileName);
    const at = findJsonSyntaxError(body);
    const where = at ? `${fileName}:${at.line}:${at.column}` : fileName;
    const why =
      body.trim() === ''
        ? 'the file is empty'
        : `it is not JSON${at ? ` (line ${at.line}, column ${at.column}: ${at.message})` : ''}`;
    throw new DeepwireError('DW802', `${fileName}: ${why}`, where);
  }
  const format = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
  if (format === PROJECT_FORMAT) return fromProject(text, fileName);
  if (looksLikeKerasJson(json)) return fromKeras(json);
  if (isProject) return fromProject(text, fileName);
  throw new DeepwireError(
    'DW802',
    `${fileName} is JSON, but neither a Deepwire project ("format": "${PROJECT_FORMAT}") nor a Keras/TF.js model (class_name + config, or modelTopology)`,
    fileName,
  );
}
