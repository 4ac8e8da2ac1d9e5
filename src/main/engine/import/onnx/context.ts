/** What an operator reader sees of one ONNX node: its inputs as values, its attributes, and how to refuse it. */
import { DeepwireError } from '../../../../shared/errors.js';
import { Attrs, type OnnxNode } from './decode.js';
import type { ImportGraph } from './graph.js';
import { isIdentity, samePerm, type ConstValue, type TensorValue, type Value } from './values.js';

export class OpContext {
  readonly attrs: Attrs;
  constructor(
    readonly g: ImportGraph,
    readonly node: OnnxNode,
    readonly opset: number,
    private readonly values: Map<string, Value>,
    /** How many node inputs (and graph outputs) read each value. */
    private readonly readers: Map<string, number>,
  ) {
    this.attrs = new Attrs(node);
  }

  /** `Conv 'conv1'` for messages. */
  get label(): string {
    return `${this.node.op_type} '${this.node.name || this.node.output?.[0] || '?'}'`;
  }

  fail(why: string): DeepwireError {
    return new DeepwireError('DW333', `${this.label} ${why}`, this.label);
  }

  /** Input i's name, or undefined where it is absent (ONNX leaves optional inputs empty). */
  inputName(i: number): string | undefined {
    const name = this.node.input?.[i];
    return name ? name : undefined;
  }

  value(i: number): Value | undefined {
    const name = this.inputName(i);
    if (name === undefined) return undefined;
    const v = this.values.get(name);
    if (!v) throw this.fail(`reads '${name}', which no earlier node or initializer gives (graph out of order?)`);
    return v;
  }

  tensor(i: number): TensorValue {
    const v = this.value(i);
    if (v?.kind !== 'tensor') throw this.fail(`needs a computed tensor as input ${i + 1}, got ${v?.kind ?? 'nothing'}`);
    return v;
  }

  constant(i: number, what: string): ConstValue {
    const v = this.value(i);
    if (v?.kind !== 'const') throw this.fail(`needs ${what} (input ${i + 1}) as a constant or initializer`);
    return v;
  }

  optionalConstant(i: number, what: string): ConstValue | undefined {
    return this.inputName(i) === undefined ? undefined : this.constant(i, what);
  }

  /** Whether input i is read by this node alone (so its layer may take a following bias or activation). */
  soleReader(i: number): boolean {
    return this.readers.get(this.inputName(i) ?? '') === 1;
  }

  /** Refuses an input whose layout is not the one the operator needs. */
  requireLayout(x: TensorValue, perm: readonly number[], what: string): void {
    if (!x.chw && !x.pooled && samePerm(x.perm, perm)) return;
    const nhwcMap = x.perm.length === 4 && isIdentity(x.perm) && !x.chw;
    throw this.fail(
      nhwcMap
        ? `needs ${what}: its input is NHWC here. Deepwire reshapes a vector into an NHWC map; a vector viewed ` +
            'as (N, C, H, W), as a PyTorch view writes it, has no Deepwire layer: reshape to (N, H, W, C) and ' +
            'permute(0, 3, 1, 2) instead'
        : `needs ${what}; its input is laid out [${x.perm.join(', ')}] against Deepwire's NHWC ` +
            '(only the layouts ONNX exporters write for Keras/PyTorch layers are read)',
    );
  }

  ints(name: string, def: number[]): number[] {
    return this.attrs.ints(name) ?? def;
  }
}
