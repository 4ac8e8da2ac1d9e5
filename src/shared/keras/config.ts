/**
 * Reading one Keras layer config: typed getters that fall back to Keras's own
 * defaults when an option is absent, and that turn a value Deepwire cannot
 * represent into DW303 naming the layer, the option and what would work.
 */
import { DeepwireError } from '../errors.js';
import type { ActivationName } from '../layers/types.js';
import { readActivation, SUPPORTED_ACTIVATIONS } from './activations.js';
import { isObject, layerLabel, type JsonObject, type KerasStyle } from './types.js';

const show = (v: unknown): string => (v === undefined ? 'missing' : JSON.stringify(v));

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export class LayerConfig {
  constructor(
    readonly name: string,
    readonly className: string,
    readonly raw: JsonObject,
    private readonly warnings: string[],
    /** Where the layer sits in the JSON, e.g. `config.layers[2]`. */
    readonly path = '',
    /** The dialect of the file, where known (Keras 3 means other things by some names). */
    readonly style?: KerasStyle,
  ) {}

  get label(): string {
    return layerLabel(this.name, this.className);
  }

  /** DW303 for option `key`, with what is wrong and what Deepwire supports. */
  unsupported(key: string, supported: string): DeepwireError {
    const where = `${this.path ? `${this.path}.config.` : ''}${key}`;
    return new DeepwireError(
      'DW303',
      `${this.label} has ${key} = ${show(this.raw[key])}; Deepwire supports ${supported}`,
      where,
    );
  }

  warn(message: string): void {
    this.warnings.push(`${this.label}: ${message}`);
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  int(key: string, fallback?: number, min = 1): number {
    const v = this.raw[key] ?? fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw this.unsupported(key, `an integer ≥ ${min}`);
    return v;
  }

  float(key: string, fallback: number, min = 0, max = Infinity): number {
    const v = this.raw[key] ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw this.unsupported(key, `a number from ${min} to ${max === Infinity ? '∞' : max}`);
    }
    return v;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.raw[key] ?? fallback;
    if (typeof v !== 'boolean') throw this.unsupported(key, 'true or false');
    return v;
  }

  choice<T extends string>(key: string, choices: readonly T[], fallback: T): T {
    const v = this.raw[key] ?? fallback;
    if (!choices.includes(v as T)) throw this.unsupported(key, choices.map((c) => `'${c}'`).join(' or '));
    return v as T;
  }

  /** An int or a pair of ints (Keras accepts `3` for `(3, 3)`); `null` means `fallback`. */
  pair(key: string, fallback: readonly [number, number]): [number, number] {
    const v = this.raw[key] ?? fallback;
    const pair = typeof v === 'number' ? [v, v] : v;
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((d) => Number.isInteger(d) && d >= 1)) {
      throw this.unsupported(key, 'one or two integers ≥ 1');
    }
    return [pair[0], pair[1]];
  }

  /** A list of ints (shapes); `nullAs` replaces `None` entries, otherwise they are refused. */
  ints(key: string): number[] {
    const v = this.raw[key];
    if (!Array.isArray(v) || !v.every((d) => Number.isInteger(d) && d >= 1))
      throw this.unsupported(key, 'a list of positive integers');
    return v as number[];
  }

  activation(key: string, fallback: ActivationName): ActivationName {
    const v = this.raw[key];
    if (v === undefined) return fallback;
    this.refuseKeras3HardSigmoid(key);
    const name = readActivation(v);
    if (!name) throw this.unsupported(key, `the activations ${SUPPORTED_ACTIVATIONS}`);
    return name;
  }

  /**
   * DW315 when option `key` is Keras 3's `hard_sigmoid`, relu6(x + 3) / 6: Deepwire's is Keras 2's and TF.js's
   * clip(0.2·x + 0.5, 0, 1) (Deepwire's Keras 3 files name that one `hard_sigmoid_tfjs`, a function).
   */
  refuseKeras3HardSigmoid(key: string): void {
    const v = this.raw[key];
    const name = isObject(v) ? v.config : v;
    if (this.style !== 'keras3' || name !== 'hard_sigmoid') return;
    const where = `${this.path ? `${this.path}.config.` : ''}${key}`;
    throw new DeepwireError(
      'DW315',
      `${this.label} has ${key} = 'hard_sigmoid' in a Keras 3 file: Keras 3's hard_sigmoid is relu6(x + 3) / 6, Deepwire's (Keras 2's and TF.js's) clip(0.2·x + 0.5, 0, 1)`,
      where,
    );
  }

  /** Refuses the layer unless option `key` is absent or one of `allowed` (compared as JSON). */
  expect(key: string, allowed: readonly unknown[], supported = allowed.map((a) => show(a)).join(' or ')): void {
    const v = this.raw[key];
    if (v === undefined || allowed.some((a) => sameJson(a, v))) return;
    throw this.unsupported(key, supported);
  }

  /** Accepts any value of `key` but warns when it is not one of `neutral` (it will be ignored). */
  ignore(key: string, neutral: readonly unknown[], why: string): void {
    const v = this.raw[key];
    if (v === undefined || neutral.some((a) => sameJson(a, v))) return;
    this.warn(`${key} = ${show(v)} is ignored: ${why}`);
  }

  /** Warns about regularizers and constraints: Deepwire trains without them. */
  ignoreRegularizers(): void {
    for (const [key, v] of Object.entries(this.raw)) {
      if ((key.endsWith('_regularizer') || key.endsWith('_constraint')) && v !== null && v !== undefined) {
        this.warn(`${key} is ignored: Deepwire does not apply regularizers or constraints yet`);
      }
    }
  }

  /** The layer's dtype name: Keras 3 writes a DTypePolicy object, Keras 2 a string; absent means float32. */
  dtype(): string {
    const v = this.raw.dtype;
    if (isObject(v)) return isObject(v.config) && typeof v.config.name === 'string' ? v.config.name : 'float32';
    return typeof v === 'string' ? v : 'float32';
  }

  /** A nested layer config (Bidirectional's `layer`), read as its own LayerConfig. */
  nested(key: string): LayerConfig {
    const v = this.raw[key];
    if (!isObject(v) || typeof v.class_name !== 'string' || !isObject(v.config))
      throw this.unsupported(key, 'a wrapped layer {class_name, config}');
    const name = typeof v.config.name === 'string' ? v.config.name : `${this.name}/${key}`;
    return new LayerConfig(
      name,
      v.class_name,
      v.config,
      this.warnings,
      `${this.path ? `${this.path}.config.` : ''}${key}`,
      this.style,
    );
  }
}
