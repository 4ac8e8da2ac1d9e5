/**
 * The contract of one layer family's mapping module: readers turn a Keras
 * layer config (any dialect) into a Deepwire kind + params; writers turn a
 * kind's params into the dialect's `{class_name, config}`.
 */
import type { LayerKind, ParamsOf } from '../../layers/params.js';
import type { Shape } from '../../layers/types.js';
import type { LayerConfig } from '../config.js';
import type { JsonObject, KerasStyle } from '../types.js';

export interface ReadLayer {
  kind: LayerKind;
  params: Record<string, unknown>;
  /**
   * An axis option that must turn out to be the last axis once shapes are
   * known (Keras 2 stores BatchNormalization's axis as e.g. `[3]`).
   */
  lastAxis?: { key: string; value: number };
}

export type LayerReader = (cfg: LayerConfig) => ReadLayer;

export interface WriteContext {
  style: KerasStyle;
  /** The layer name (the node's name). */
  name: string;
  /** The layer's input shape, batch first, when shape inference knows it. */
  input?: Shape;
}

export interface WrittenLayer {
  className: string;
  config: JsonObject;
}

export type LayerWriter<K extends LayerKind> = (params: ParamsOf<K>, ctx: WriteContext) => WrittenLayer;

export type WriterTable<Ks extends LayerKind> = { [K in Ks]: LayerWriter<K> };

/**
 * Keras axis options arrive as -1, a positive index, or a one-element list of
 * either. Returns the single axis, or null when there are several.
 */
export function singleAxis(value: unknown): number | null {
  const v = Array.isArray(value) && value.length === 1 ? value[0] : value;
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}

/** Reads a last-axis option: -1 is settled now, a positive index is checked once shapes are known. */
export function readLastAxis(cfg: LayerConfig, key: string): ReadLayer['lastAxis'] {
  if (!cfg.has(key)) return undefined;
  const axis = singleAxis(cfg.raw[key]);
  if (axis === null || axis === 0 || axis < -1) throw cfg.unsupported(key, 'the last axis only (-1)');
  return axis === -1 ? undefined : { key, value: axis };
}

/** A 1-D window option: Keras writes `3` or `[3]`; `null` or absent means `fallback`. */
export function readSingle(cfg: LayerConfig, key: string, fallback: number): number {
  const v = cfg.raw[key] ?? fallback;
  const n = Array.isArray(v) && v.length === 1 ? v[0] : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
    throw cfg.unsupported(key, 'an integer ≥ 1 (or a list of one)');
  return n;
}
