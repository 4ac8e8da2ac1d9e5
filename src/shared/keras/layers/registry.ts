/**
 * Every layer family's readers and writers in one place. `WRITERS` is typed
 * over all layer kinds, so adding a kind to the catalog without a Keras
 * mapping fails the typecheck.
 */
import type { GraphNode } from '../../graph/types.js';
import { getSpec } from '../../layers/catalog.js';
import { isLayerKind, type LayerKind } from '../../layers/params.js';
import { checkParams } from '../../shape/params-check.js';
import { activationReaders, activationWriters } from './activation.js';
import { augmentReaders, augmentWriters } from './augment.js';
import { convReaders, convWriters } from './conv.js';
import { denseReaders, denseWriters } from './dense.js';
import { inputReaders, inputWriters } from './input.js';
import type { LayerReader, LayerWriter, WriteContext, WriterTable, WrittenLayer } from './mapping.js';
import { mergeReaders, mergeWriters } from './merge.js';
import { normReaders, normWriters } from './norm.js';
import { poolReaders, poolWriters } from './pool.js';
import { recurrentReaders, recurrentWriters } from './recurrent.js';
import { reshapeReaders, reshapeWriters } from './reshape.js';
import { wrapperReaders, wrapperWriters } from './wrappers.js';

/** Keras class name -> reader. */
export const READERS: Readonly<Record<string, LayerReader>> = {
  ...inputReaders,
  ...denseReaders,
  ...convReaders,
  ...poolReaders,
  ...reshapeReaders,
  ...normReaders,
  ...activationReaders,
  ...mergeReaders,
  ...recurrentReaders,
  ...augmentReaders,
  ...wrapperReaders,
};

export const WRITERS: WriterTable<LayerKind> = {
  ...inputWriters,
  ...denseWriters,
  ...convWriters,
  ...poolWriters,
  ...reshapeWriters,
  ...normWriters,
  ...activationWriters,
  ...mergeWriters,
  ...recurrentWriters,
  ...augmentWriters,
  ...wrapperWriters,
};

/** The Keras class names Deepwire reads, for error messages. */
export const READABLE_CLASSES = Object.keys(READERS).sort();

/** The reader of a Keras class, or undefined; own keys only, so `toString` or `__proto__` is no reader. */
export function readerFor(className: string): LayerReader | undefined {
  return Object.hasOwn(READERS, className) ? READERS[className] : undefined;
}

/** Writes one node with its kind's writer (the node's kind and params travel together). */
export function writeLayer(node: GraphNode, ctx: WriteContext): WrittenLayer {
  const writer = WRITERS[node.kind] as LayerWriter<LayerKind>;
  return writer(node.params as never, ctx);
}

/**
 * The Keras class a node becomes, as the Keras 3 writer names it (Input and Noise are InputLayers, a leaky_relu
 * Activation a LeakyReLU, InstanceNormalization a GroupNormalization): one answer, no second table.
 */
export function kerasClassOf(node: GraphNode): string {
  // Params that break their spec (DW109 on the node) may not survive the writer: the kind's declared class then.
  if (checkParams(node) !== null) return isLayerKind(node.kind) ? getSpec(node.kind).kerasClass : String(node.kind);
  return writeLayer(node, { style: 'keras3', name: node.name }).className;
}
