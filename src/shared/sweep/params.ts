/**
 * `--param` specs: parsing the text (`dense.units=64,128,256`,
 * `training.learningRate=1e-4..1e-2:log`) and resolving it against a project,
 * so a bad spec is refused before any trial trains, with a numbered error
 * naming the param and the fix (DW820–DW825).
 */
import { DeepwireError } from '../errors.js';
import type { GraphDoc } from '../graph/types.js';
import { PARAM_SPECS } from '../layers/params.js';
import type { ParamSpec } from '../layers/types.js';
import { OPTIMIZERS } from '../training/config.js';
import type { SweepDomain, SweepParam, SweepValue } from './config.js';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const DEFAULT_GRID_POINTS = 3;

function value(text: string): SweepValue {
  const t = text.trim();
  if (NUMBER.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  return t;
}

/** Parses `path=values`; DW820 names what is wrong with the text. */
export function parseParamSpec(text: string): SweepParam {
  const bad = (why: string) => new DeepwireError('DW820', `--param '${text}': ${why}`, text);
  const eq = text.indexOf('=');
  if (eq < 0) throw bad('expected name=values');
  const path = text.slice(0, eq).trim();
  const rest = text.slice(eq + 1).trim();
  if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_]\w*)+$/.test(path)) throw bad(`'${path}' is not layer.param or training.setting`);
  if (rest === '') throw bad('no values after =');
  if (rest.includes('..') && !rest.includes(',')) {
    const lo = rest.slice(0, rest.indexOf('..'));
    const [hi, ...suffix] = rest.slice(rest.indexOf('..') + 2).split(':');
    if (!NUMBER.test(lo.trim()) || !NUMBER.test(hi.trim())) throw bad(`range ends must be numbers, got '${rest}'`);
    let scale: 'linear' | 'log' = 'linear';
    let gridPoints = DEFAULT_GRID_POINTS;
    for (const s of suffix) {
      if (s === 'log') scale = 'log';
      else if (/^\d+$/.test(s) && Number(s) >= 2 && Number(s) <= 100) gridPoints = Number(s);
      else throw bad(`unknown range option ':${s}' (use :log, or :N grid points from 2 to 100)`);
    }
    return { path, domain: { kind: 'range', min: Number(lo), max: Number(hi), scale, gridPoints } };
  }
  const parts = rest.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) throw bad(`empty value in the list '${rest}'`);
  const values = [...new Map(parts.map((p) => [p, value(p)])).values()];
  return { path, domain: { kind: 'choice', values } };
}

/** Where a resolved param lands in a trial. */
export type ParamTarget =
  | { kind: 'training'; setting: TrainingSetting }
  | { kind: 'layer'; nodeIds: string[]; param: string }
  /** `LAYER.present=true,false`: the layers are kept or taken out (their input wired to their outputs). */
  | { kind: 'structure'; nodeIds: string[] };

/** The pseudo-param that searches structure: whether a hidden, single-input layer is there at all. */
export const PRESENT = 'present';

export interface ResolvedParam extends SweepParam {
  target: ParamTarget;
  /** The value type trials give it: ranges of ints sample whole numbers. */
  type: 'int' | 'float' | 'enum' | 'bool';
}

const TRAINING_SETTINGS = {
  learningRate: { type: 'float', min: 0, max: 10, exclusiveMin: true },
  batchSize: { type: 'int', min: 1, max: 65536 },
  epochs: { type: 'int', min: 1, max: 100000 },
  optimizer: { type: 'enum', choices: OPTIMIZERS },
} as const;
type TrainingSetting = keyof typeof TRAINING_SETTINGS;
export const TUNABLE_TRAINING = Object.keys(TRAINING_SETTINGS).map((k) => `training.${k}`);

type Limits =
  | { type: 'int' | 'float'; min?: number; max?: number; exclusiveMin?: boolean }
  | { type: 'enum'; choices: readonly string[] }
  | { type: 'bool' };

const isTunable = (p: ParamSpec) => p.type === 'int' || p.type === 'float' || p.type === 'enum' || p.type === 'bool';

function checkDomain(text: string, domain: SweepDomain, limits: Limits): void {
  const bad = (why: string) => new DeepwireError('DW823', `${text}: ${why}`, text);
  if (domain.kind === 'range') {
    if (limits.type !== 'int' && limits.type !== 'float')
      throw bad(`a ${limits.type} takes a list of values, not a range`);
    if (!(domain.min < domain.max)) throw bad(`the range needs min < max, got ${domain.min}..${domain.max}`);
    if (domain.scale === 'log' && domain.min <= 0) throw bad(`a log range needs min > 0, got ${domain.min}`);
    if (limits.type === 'int' && (!Number.isInteger(domain.min) || !Number.isInteger(domain.max)))
      throw bad(`whole numbers only, got ${domain.min}..${domain.max}`);
    checkNumber(domain.min, limits, bad);
    checkNumber(domain.max, limits, bad);
    return;
  }
  for (const v of domain.values) {
    if (limits.type === 'bool') {
      if (typeof v !== 'boolean') throw bad(`expected true or false, got '${v}'`);
    } else if (limits.type === 'enum') {
      if (typeof v !== 'string' || !limits.choices.includes(v))
        throw bad(`'${v}' is not one of ${limits.choices.join(', ')}`);
    } else {
      if (typeof v !== 'number') throw bad(`expected numbers, got '${v}'`);
      if (limits.type === 'int' && !Number.isInteger(v)) throw bad(`whole numbers only, got ${v}`);
      checkNumber(v, limits, bad);
    }
  }
}

function checkNumber(
  v: number,
  limits: { min?: number; max?: number; exclusiveMin?: boolean },
  bad: (why: string) => Error,
): void {
  const { min, max, exclusiveMin } = limits;
  if (min !== undefined && (exclusiveMin ? v <= min : v < min))
    throw bad(`${v} is below the limit (${exclusiveMin ? 'above' : 'at least'} ${min})`);
  if (max !== undefined && v > max) throw bad(`${v} is above the limit (at most ${max})`);
}

/** Layers the name addresses: the node of that name, else every non-output layer of that kind. */
function layersFor(graph: GraphDoc, name: string): GraphDoc['nodes'] {
  const byName = graph.nodes.filter((n) => n.name === name);
  if (byName.length > 0) return byName;
  const feeds = new Set(graph.edges.map((e) => e.source));
  // The output layer's size is fixed by the data (e.g. 10 classes): a kind never reaches it.
  return graph.nodes.filter((n) => n.kind.toLowerCase() === name.toLowerCase() && feeds.has(n.id));
}

/** Checks a parsed spec against the project's graph and the layer catalog. */
export function resolveParam(param: SweepParam, graph: GraphDoc): ResolvedParam {
  const text = `${param.path}`;
  const dot = param.path.indexOf('.');
  const head = param.path.slice(0, dot);
  const name = param.path.slice(dot + 1);
  if (head === 'training') {
    if (!Object.hasOwn(TRAINING_SETTINGS, name))
      throw new DeepwireError(
        'DW822',
        `${text}: '${name}' is not a tunable training setting (tunable: ${TUNABLE_TRAINING.join(', ')})`,
        text,
      );
    const setting = name as TrainingSetting;
    const limits = TRAINING_SETTINGS[setting];
    checkDomain(text, param.domain, limits);
    return { ...param, target: { kind: 'training', setting }, type: limits.type };
  }
  const nodes = layersFor(graph, head);
  if (nodes.length === 0) {
    const names = graph.nodes.map((n) => n.name).join(', ');
    const kinds = [...new Set(graph.nodes.map((n) => n.kind.toLowerCase()))].join(', ');
    throw new DeepwireError(
      'DW821',
      `${text}: no layer named '${head}' and no hidden layer of that kind (layers: ${names}; kinds: ${kinds})`,
      text,
    );
  }
  if (name === PRESENT) return resolvePresence(param, graph, nodes);
  const specs = PARAM_SPECS[nodes[0].kind] as readonly ParamSpec[];
  const spec = specs.find((p) => p.name === name);
  if (!spec || !isTunable(spec)) {
    const tunable = [...specs.filter(isTunable).map((p) => `${head}.${p.name}`), `${head}.${PRESENT}`];
    throw new DeepwireError(
      'DW822',
      `${text}: ${nodes[0].kind} has ${spec ? `'${name}', which is a ${spec.type} and cannot be tuned` : `no param '${name}'`}` +
        ` (tunable: ${tunable.join(', ') || 'none'}, ${TUNABLE_TRAINING.join(', ')})`,
      text,
    );
  }
  const limits: Limits = spec.type === 'enum' ? { type: 'enum', choices: spec.choices } : (spec as Limits);
  checkDomain(text, param.domain, limits);
  return { ...param, target: { kind: 'layer', nodeIds: nodes.map((n) => n.id), param: name }, type: spec.type };
}

/** `LAYER.present`: only layers with one input that feed others can be left out without rewiring by hand. */
function resolvePresence(param: SweepParam, graph: GraphDoc, nodes: GraphDoc['nodes']): ResolvedParam {
  for (const n of nodes) {
    const inputs = graph.edges.filter((e) => e.target === n.id).length;
    const outputs = graph.edges.filter((e) => e.source === n.id).length;
    if (inputs !== 1 || outputs === 0)
      throw new DeepwireError(
        'DW822',
        `${param.path}: ${n.name} has ${inputs} inputs and ${outputs} outputs; only a hidden layer with one input can be left out`,
        param.path,
      );
  }
  checkDomain(param.path, param.domain, { type: 'bool' });
  return { ...param, target: { kind: 'structure', nodeIds: nodes.map((n) => n.id) }, type: 'bool' };
}

/** Parses and resolves every spec; DW824 when one path is given twice. */
export function resolveParams(texts: readonly string[], graph: GraphDoc): ResolvedParam[] {
  const out = texts.map((t) => resolveParam(parseParamSpec(t), graph));
  const seen = new Set<string>();
  for (const p of out) {
    if (seen.has(p.path))
      throw new DeepwireError('DW824', `--param ${p.path} is given twice: give each parameter once`, p.path);
    seen.add(p.path);
  }
  return out;
}
