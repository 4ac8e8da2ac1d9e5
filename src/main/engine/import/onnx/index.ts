/**
 * An ONNX model (opset 11–21) -> a Deepwire graph and its weights. Every
 * operator is read by one function below; a file with operators outside
 * that list is refused before anything is built, naming them all (DW332).
 * Images are NCHW in ONNX and NHWC in Deepwire: values.ts keeps track of the
 * layout so each weight is transposed once, into Keras's order.
 */
import { DeepwireError } from '../../../../shared/errors.js';
import { applyLayout } from '../../../../shared/graph/layout.js';
import type { GraphDoc } from '../../../../shared/graph/types.js';
import type { NamedTensor } from '../../../../shared/project/index.js';
import { OpContext } from './context.js';
import { decodeOnnx, tensorValues, type OnnxGraph, type OnnxNode } from './decode.js';
import { ImportGraph } from './graph.js';
import { readConv, readConvTranspose, readGlobalPool, readPad, readPool, readResize } from './ops-conv.js';
import {
  readAdd,
  readBatchNormalization,
  readConcat,
  readElu,
  readGemm,
  readLeakyRelu,
  readMatMul,
  readRelu,
  readSelu,
  readSigmoid,
  readSoftmax,
  readSum,
  readTanh,
} from './ops-dense.js';
import { readRecurrent } from './ops-recurrent.js';
import {
  readConstant,
  readDropout,
  readFlatten,
  readIdentity,
  readReshape,
  readSqueeze,
  readTranspose,
} from './ops-shape.js';
import { identity, NCHW, type Value } from './values.js';

type OpReader = (c: OpContext) => (Value | undefined)[];

const READERS: Record<string, OpReader> = {
  Conv: readConv,
  ConvTranspose: readConvTranspose,
  MaxPool: readPool,
  AveragePool: readPool,
  GlobalAveragePool: readGlobalPool,
  GlobalMaxPool: readGlobalPool,
  Resize: readResize,
  Upsample: readResize,
  Pad: readPad,
  Gemm: readGemm,
  MatMul: readMatMul,
  Add: readAdd,
  Sum: readSum,
  Concat: readConcat,
  Relu: readRelu,
  Sigmoid: readSigmoid,
  Tanh: readTanh,
  LeakyRelu: readLeakyRelu,
  Elu: readElu,
  Selu: readSelu,
  Softmax: readSoftmax,
  BatchNormalization: readBatchNormalization,
  Dropout: readDropout,
  Identity: readIdentity,
  Constant: readConstant,
  Flatten: readFlatten,
  Reshape: readReshape,
  Transpose: readTranspose,
  Squeeze: readSqueeze,
  LSTM: readRecurrent,
  GRU: readRecurrent,
  RNN: readRecurrent,
};

/** The operators Deepwire reads, for messages and docs. */
export const ONNX_OPERATORS = Object.keys(READERS).sort();

export interface OnnxImport {
  graph: GraphDoc;
  /** Weights named as the compiled model names them (`conv2d/kernel`). */
  tensors: NamedTensor[];
  warnings: string[];
  /** The graph's name in the file (may be empty). */
  name: string;
}

const nodeLabel = (n: OnnxNode) => `'${n.name || n.output?.[0] || '?'}'`;

/** DW332 naming every operator without a reader, with the nodes that use it. */
function refuseUnknownOperators(graph: OnnxGraph, where: string): void {
  const unknown = new Map<string, string[]>();
  for (const n of graph.node ?? []) {
    const custom = n.domain && n.domain !== 'ai.onnx';
    if (READERS[n.op_type] && !custom) continue;
    const op = custom ? `${n.domain}.${n.op_type}` : n.op_type;
    unknown.set(op, [...(unknown.get(op) ?? []), nodeLabel(n)]);
  }
  if (unknown.size === 0) return;
  const list = [...unknown].map(([op, nodes]) => {
    const shown = nodes.slice(0, 3).join(', ') + (nodes.length > 3 ? `, … ${nodes.length - 3} more` : '');
    return `${op} (node${nodes.length === 1 ? '' : 's'} ${shown})`;
  });
  throw new DeepwireError(
    'DW332',
    `${where} uses ${unknown.size} operator${unknown.size === 1 ? '' : 's'} Deepwire has no layer for: ` +
      `${list.join('; ')}. Deepwire reads: ${ONNX_OPERATORS.join(', ')}`,
    [...unknown.values()].flat().join(', '),
  );
}

/** How many node inputs and graph outputs read each value. */
function countReaders(graph: OnnxGraph): Map<string, number> {
  const readers = new Map<string, number>();
  const read = (name: string) => name && readers.set(name, (readers.get(name) ?? 0) + 1);
  for (const n of graph.node ?? []) for (const name of n.input ?? []) read(name);
  for (const o of graph.output ?? []) read(o.name);
  return readers;
}

/** Graph inputs (not initializers) become Input layers; a 4-D one is NCHW unless it is only transposed to NCHW. */
function addInputs(graph: OnnxGraph, g: ImportGraph, values: Map<string, Value>, where: string): void {
  const inputs = (graph.input ?? []).filter((i) => !values.has(i.name));
  if (inputs.length === 0) throw new DeepwireError('DW334', `${where} has no graph input`, where);
  for (const input of inputs) {
    const type = input.type?.tensor_type;
    const dims = (type?.shape?.dim ?? []).map((d) => d.dim_value ?? 0);
    const fail = (why: string) => new DeepwireError('DW334', `input '${input.name}' ${why}`, `input '${input.name}'`);
    if (type?.elem_type !== 1) throw fail(`has element type ${type?.elem_type ?? 'none'}; Deepwire reads float inputs`);
    const sample = dims.slice(1);
    if (dims.length < 2 || dims.length > 4 || sample.some((d) => !(d > 0)))
      throw fail(
        `has shape [${(type.shape?.dim ?? []).map((d) => d.dim_value ?? d.dim_param ?? '?').join(', ')}]; ` +
          'Deepwire needs a batch axis then 1 to 3 fixed sizes',
      );
    const readers = (graph.node ?? []).filter((n) => n.input?.includes(input.name));
    const nhwc =
      dims.length === 4 &&
      readers.length > 0 &&
      readers.every(
        (n) => n.op_type === 'Transpose' && n.attribute?.find((a) => a.name === 'perm')?.ints?.join() === '0,3,1,2',
      );
    const channelsFirst = dims.length === 4 && !nhwc;
    const shape = channelsFirst ? [sample[1], sample[2], sample[0]] : sample;
    const x = g.add('Input', { shape, dtype: 'float32' }, [], shape, channelsFirst ? NCHW : identity(dims.length));
    values.set(input.name, x);
    if (channelsFirst)
      g.warnings.push(
        `input '${input.name}' is NCHW [${sample.join(', ')}] in the file; Deepwire's is NHWC [${shape.join(', ')}]`,
      );
  }
}

/** Reads the ONNX bytes of `where` into a graph and weights (nothing is written). */
export function readOnnx(bytes: Uint8Array, where: string): OnnxImport {
  const model = decodeOnnx(bytes, where);
  const graph = model.graph;
  refuseUnknownOperators(graph, where);
  const g = new ImportGraph();
  const values = new Map<string, Value>();
  for (const t of graph.initializer ?? []) values.set(t.name ?? '', { kind: 'const', ...tensorValues(t, where) });
  addInputs(graph, g, values, where);
  const readers = countReaders(graph);
  for (const node of graph.node ?? []) {
    const c = new OpContext(g, node, model.opset, values, readers);
    const outs = READERS[node.op_type](c);
    (node.output ?? []).forEach((name, i) => {
      const v = outs[i];
      if (name && v) values.set(name, v);
    });
  }
  const outputs = (graph.output ?? []).map((o) => {
    const v = values.get(o.name);
    if (v?.kind !== 'tensor' || v.chw)
      throw new DeepwireError(
        'DW333',
        `output '${o.name}' is ${v?.kind === 'tensor' ? 'a flattened NCHW map' : 'not computed by a layer'}; Deepwire cannot give it`,
        `output '${o.name}'`,
      );
    if (v.perm.length === 4 && v.perm.join() !== '0,1,2,3')
      g.warnings.push(`output '${o.name}' is NCHW in the file; Deepwire's is NHWC [${v.shape.join(', ')}]`);
    return v.node;
  });
  const doc = g.document(outputs);
  const kept = new Set(doc.nodes.map((n) => n.name));
  const tensors = g.tensors.filter((t) => kept.has(t.name.slice(0, t.name.lastIndexOf('/'))));
  return { graph: applyLayout(doc), tensors, warnings: g.warnings, name: graph.name ?? '' };
}
