/**
 * ONNX protobuf messages, encoded with protobufjs from the ONNX schema
 * (resources/onnx/onnx.proto, compiled into schema.generated.ts). Field names
 * keep the schema's snake_case.
 */
import protobuf from 'protobufjs';
import { ONNX_SCHEMA } from './schema.generated.js';

/** The opset Deepwire writes: 17 brings LayerNormalization; ONNX 1.12's IR version 8. */
export const OPSET = 17;
export const IR_VERSION = 8;

/** TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, INT32: 6, INT64: 7 } as const;
export type DataTypeCode = (typeof DataType)[keyof typeof DataType];

/** AttributeProto.AttributeType values. */
const AttrType = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

export interface AttributeProto {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  floats?: number[];
  ints?: number[];
  strings?: Uint8Array[];
}

export interface NodeProto {
  name: string;
  op_type: string;
  input: string[];
  output: string[];
  attribute: AttributeProto[];
}

export interface TensorProto {
  name: string;
  dims: number[];
  data_type: DataTypeCode;
  raw_data: Uint8Array;
}

/** A dimension is a fixed size or a named symbolic one (the batch). */
export type Dim = number | string;

export interface ValueInfoProto {
  name: string;
  type: { tensor_type: { elem_type: DataTypeCode; shape: { dim: ({ dim_value: number } | { dim_param: string })[] } } };
}

export interface GraphProto {
  name: string;
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
  doc_string?: string;
}

export interface ModelProto {
  ir_version: number;
  opset_import: { domain: string; version: number }[];
  producer_name: string;
  producer_version: string;
  doc_string?: string;
  graph: GraphProto;
  metadata_props?: { key: string; value: string }[];
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Typed attribute constructors (ONNX distinguishes int from float attributes). */
export const attr = {
  i: (name: string, v: number): AttributeProto => ({ name, type: AttrType.INT, i: v }),
  f: (name: string, v: number): AttributeProto => ({ name, type: AttrType.FLOAT, f: v }),
  s: (name: string, v: string): AttributeProto => ({ name, type: AttrType.STRING, s: utf8(v) }),
  ints: (name: string, v: readonly number[]): AttributeProto => ({ name, type: AttrType.INTS, ints: [...v] }),
  floats: (name: string, v: readonly number[]): AttributeProto => ({ name, type: AttrType.FLOATS, floats: [...v] }),
  strings: (name: string, v: readonly string[]): AttributeProto => ({
    name,
    type: AttrType.STRINGS,
    strings: v.map(utf8),
  }),
};

export function valueInfo(name: string, elemType: DataTypeCode, dims: readonly Dim[]): ValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { name, type: { tensor_type: { elem_type: elemType, shape: { dim } } } };
}

let root: protobuf.Root | undefined;
function modelType(): protobuf.Type {
  root ??= protobuf.Root.fromJSON(ONNX_SCHEMA);
  return root.lookupType('onnx.ModelProto');
}

/** Serialises a model; throws if a field does not fit the schema (a bug in the writer). */
export function encodeModel(model: ModelProto): Uint8Array {
  const type = modelType();
  const problem = type.verify(model);
  if (problem) throw new Error(`ONNX model does not fit the schema: ${problem}`);
  return type.encode(type.fromObject(model)).finish();
}

/** Parses an encoded model back into plain objects (tests and `deepwire` checks). */
export function decodeModel(bytes: Uint8Array): ModelProto {
  const type = modelType();
  return type.toObject(type.decode(bytes), { longs: Number, bytes: Array, defaults: false }) as unknown as ModelProto;
}
