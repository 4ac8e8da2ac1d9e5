/**
 * Assembles one ONNX graph: unique value names, float/int64 initializers,
 * nodes, inputs and outputs. Layer converters talk only to this.
 */
import {
  DataType,
  IR_VERSION,
  OPSET,
  encodeModel,
  valueInfo,
  type AttributeProto,
  type DataTypeCode,
  type Dim,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from './proto.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function leBytes(values: Float32Array | BigInt64Array | Int32Array): Uint8Array {
  const bytes = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  if (LITTLE_ENDIAN) return bytes;
  const width = values.BYTES_PER_ELEMENT;
  for (let i = 0; i < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
  return bytes;
}

export interface NodeOptions {
  attrs?: AttributeProto[];
  /** Number of outputs (default 1); the names are generated. */
  outputs?: number;
  /** Use this exact name for the first output (a graph output, reserved beforehand). */
  outputName?: string;
}

export class OnnxBuilder {
  private readonly used = new Set<string>();
  private readonly nodes: NodeProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly int64Cache = new Map<string, string>();

  /** A fresh value name derived from `base` (`conv2d/kernel`, `conv2d/kernel_1`, …). */
  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Reserves a name exactly (graph inputs and outputs keep the Keras layer names). */
  reserve(name: string): string {
    if (this.used.has(name)) throw new Error(`ONNX value name '${name}' used twice`);
    this.used.add(name);
    return name;
  }

  /** A name reserved earlier (graph outputs are reserved first so no fresh name takes them). */
  private claim(name: string): string {
    this.used.add(name);
    return name;
  }

  float(base: string, dims: readonly number[], values: Float32Array): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (count !== values.length)
      throw new Error(`initializer ${base}: ${values.length} values for dims [${dims.join(', ')}]`);
    const name = this.fresh(base);
    this.initializers.push({ name, dims: [...dims], data_type: DataType.FLOAT, raw_data: leBytes(values) });
    return name;
  }

  /** An int64 constant (shapes, axes); equal constants are shared. */
  int64(base: string, values: readonly number[]): string {
    const key = values.join(',');
    const cached = this.int64Cache.get(key);
    if (cached) return cached;
    const name = this.fresh(base);
    this.initializers.push({
      name,
      dims: [values.length],
      data_type: DataType.INT64,
      raw_data: leBytes(BigInt64Array.from(values.map(BigInt))),
    });
    this.int64Cache.set(key, name);
    return name;
  }

  /** Adds a node; returns its output names. */
  nodeOutputs(op: string, inputs: readonly string[], base: string, opts: NodeOptions = {}): string[] {
    const count = opts.outputs ?? 1;
    const outputs = Array.from({ length: count }, (_, i) =>
      i === 0 && opts.outputName ? this.claim(opts.outputName) : this.fresh(count === 1 ? base : `${base}_${i}`),
    );
    this.nodes.push({
      name: this.fresh(`${base}_node`),
      op_type: op,
      input: [...inputs],
      output: outputs,
      attribute: opts.attrs ?? [],
    });
    return outputs;
  }

  /** Adds a single-output node; returns the output name. */
  node(op: string, inputs: readonly string[], base: string, opts: NodeOptions = {}): string {
    return this.nodeOutputs(op, inputs, base, opts)[0];
  }

  addInput(name: string, elemType: DataTypeCode, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(this.reserve(name), elemType, dims));
    return name;
  }

  addOutput(name: string, elemType: DataTypeCode, dims: readonly Dim[]): void {
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  encode(
    graphName: string,
    docString: string,
    producerVersion: string,
    metadata: Record<string, string> = {},
  ): Uint8Array {
    return encodeModel({
      ir_version: IR_VERSION,
      opset_import: [{ domain: '', version: OPSET }],
      producer_name: 'Deepwire',
      producer_version: producerVersion,
      doc_string: docString,
      graph: {
        name: graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
      metadata_props: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    });
  }
}
