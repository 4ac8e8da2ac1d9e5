/**
 * ONNX bytes -> plain protobuf objects, with the checks a file from anywhere
 * needs before any of it is trusted: it decodes completely (DW330), it has a
 * graph, and it uses the default domain at an opset Deepwire reads (DW331).
 * The schema is the one the ONNX writer compiles (read only here).
 */
import protobuf from 'protobufjs';
import { DeepwireError } from '../../../../shared/errors.js';
import { ONNX_SCHEMA } from '../../export/onnx/schema.generated.js';

export const MIN_OPSET = 11;
export const MAX_OPSET = 21;

export interface OnnxTensor {
  name?: string;
  dims?: number[];
  data_type?: number;
  raw_data?: Uint8Array;
  float_data?: number[];
  int32_data?: number[];
  int64_data?: number[];
  double_data?: number[];
  data_location?: number;
}

export interface OnnxAttribute {
  name: string;
  type?: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: OnnxTensor;
  floats?: number[];
  ints?: number[];
  strings?: Uint8Array[];
}

export interface OnnxNode {
  name?: string;
  op_type: string;
  domain?: string;
  input?: string[];
  output?: string[];
  attribute?: OnnxAttribute[];
}

export interface OnnxValueInfo {
  name: string;
  type?: {
    tensor_type?: { elem_type?: number; shape?: { dim?: { dim_value?: number; dim_param?: string }[] } };
  };
}

export interface OnnxGraph {
  name?: string;
  node?: OnnxNode[];
  initializer?: OnnxTensor[];
  input?: OnnxValueInfo[];
  output?: OnnxValueInfo[];
}

export interface OnnxModel {
  ir_version?: number;
  producer_name?: string;
  opset_import?: { domain?: string; version?: number }[];
  graph?: OnnxGraph;
}

let modelType: protobuf.Type | undefined;

/** The decoded model; DW330 when the bytes are not a whole ONNX model, DW331 for an opset outside 11–21. */
export function decodeOnnx(bytes: Uint8Array, where: string): OnnxModel & { graph: OnnxGraph; opset: number } {
  modelType ??= protobuf.Root.fromJSON(ONNX_SCHEMA).lookupType('onnx.ModelProto');
  let model: OnnxModel;
  try {
    const message = modelType.decode(bytes);
    model = modelType.toObject(message, { longs: Number, arrays: true, defaults: false }) as OnnxModel;
  } catch (e) {
    throw new DeepwireError('DW330', `${where} is not a readable ONNX model: ${(e as Error).message}`, where);
  }
  const graph = model.graph;
  if (!graph || !graph.node?.length || !graph.output?.length) {
    throw new DeepwireError('DW330', `${where} has no ONNX graph with nodes and outputs`, where);
  }
  const main = model.opset_import?.find((o) => !o.domain || o.domain === 'ai.onnx');
  const opset = main?.version ?? 0;
  if (opset < MIN_OPSET || opset > MAX_OPSET) {
    throw new DeepwireError(
      'DW331',
      `${where} uses opset ${opset || 'none'} of the default ONNX domain; Deepwire reads opsets ${MIN_OPSET} to ${MAX_OPSET}`,
      where,
    );
  }
  return { ...model, graph, opset };
}

const DataType = { FLOAT: 1, INT32: 6, INT64: 7, DOUBLE: 11 } as const;

/** A tensor's values as numbers (float, double, int32, int64); DW334 for anything else or external data. */
export function tensorValues(t: OnnxTensor, where: string): { dims: number[]; values: Float32Array } {
  const dims = (t.dims ?? []).map(Number);
  const fail = (why: string) => new DeepwireError('DW334', `tensor '${t.name ?? ''}' ${why}`, where);
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0)) throw fail(`has dims [${dims.join(', ')}]`);
  const count = dims.reduce((a, b) => a * b, 1);
  if (t.data_location === 1) throw fail('keeps its data in an external file; save the model with its weights inside');
  const raw = t.raw_data && t.raw_data.length > 0 ? t.raw_data : undefined;
  const view = raw ? new DataView(raw.buffer, raw.byteOffset, raw.byteLength) : undefined;
  const width = { [DataType.FLOAT]: 4, [DataType.INT32]: 4, [DataType.INT64]: 8, [DataType.DOUBLE]: 8 }[
    t.data_type ?? 0
  ];
  if (width === undefined) throw fail(`has data type ${t.data_type ?? 'none'}; Deepwire reads float, int32 and int64`);
  // Sizes are checked against the bytes present before anything is allocated (dims come from the file).
  if (view) {
    if (raw!.byteLength !== count * width)
      throw fail(`holds ${raw!.byteLength} bytes for dims [${dims.join(', ')}] (damaged file?)`);
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      if (t.data_type === DataType.FLOAT) out[i] = view.getFloat32(i * 4, true);
      else if (t.data_type === DataType.INT32) out[i] = view.getInt32(i * 4, true);
      else if (t.data_type === DataType.INT64) out[i] = Number(view.getBigInt64(i * 8, true));
      else out[i] = view.getFloat64(i * 8, true);
    }
    return { dims, values: out };
  }
  const list =
    t.data_type === DataType.FLOAT
      ? t.float_data
      : t.data_type === DataType.INT32
        ? t.int32_data
        : t.data_type === DataType.INT64
          ? t.int64_data
          : t.double_data;
  const values = list ?? [];
  if (values.length !== count) throw fail(`holds ${values.length} values for dims [${dims.join(', ')}]`);
  return { dims, values: Float32Array.from(values, Number) };
}

/** Attribute lookup by name, with typed accessors. */
export class Attrs {
  private readonly byName: Map<string, OnnxAttribute>;
  constructor(node: OnnxNode) {
    this.byName = new Map((node.attribute ?? []).map((a) => [a.name, a]));
  }
  has(name: string): boolean {
    return this.byName.has(name);
  }
  int(name: string, def: number): number {
    const a = this.byName.get(name);
    return a?.i !== undefined ? Number(a.i) : def;
  }
  float(name: string, def: number): number {
    return this.byName.get(name)?.f ?? def;
  }
  ints(name: string): number[] | undefined {
    return this.byName.get(name)?.ints?.map(Number);
  }
  floats(name: string): number[] | undefined {
    return this.byName.get(name)?.floats;
  }
  string(name: string, def: string): string {
    const s = this.byName.get(name)?.s;
    return s ? new TextDecoder().decode(s) : def;
  }
  strings(name: string): string[] | undefined {
    return this.byName.get(name)?.strings?.map((s) => new TextDecoder().decode(s));
  }
  tensor(name: string): OnnxTensor | undefined {
    return this.byName.get(name)?.t;
  }
}
