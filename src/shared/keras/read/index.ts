/** Reading Keras `to_json()` and TF.js `model.json` into a Deepwire graph. */
import type { Diagnostic } from '../../shape/types.js';
import { withoutRecurrentStates } from './states.js';
import { DeepwireError } from '../../errors.js';
import type { GraphDoc } from '../../graph/types.js';
import { MAX_JSON_DEPTH, tooDeepAt } from '../../json-depth.js';
import type { KerasStyle } from '../types.js';
import { buildGraph } from './build.js';
import { toChannelsLast, type ChannelsConversion } from './channels.js';
import { foldChannelRescaling, type RescaledNormalization } from './rescale.js';
import { parseTopology } from './topology.js';
import { findTopology } from './unwrap.js';

export interface KerasImport {
  graph: GraphDoc;
  /** Things that were read approximately or ignored, each naming its layer. */
  warnings: string[];
  /**
   * What the file holds that no project can (DW319: recurrent states as outputs or inputs): the graph
   * still reads for `deepwire summary`, which reports these; `deepwire import` refuses the file.
   */
  problems: Diagnostic[];
  /** The dialect the document was written in. */
  style: KerasStyle;
  /** A Keras JSON document, or a TF.js model.json (`modelTopology` + `weightsManifest`). */
  file: 'keras' | 'tfjs';
  /** The Keras model name. */
  name: string;
  /** Weights to put from C,H,W into H,W,C order, when the model was channels_first (empty otherwise). */
  reordered: ChannelsConversion['reordered'];
  /** Normalizations that took in a per-channel Rescaling: their variance is divided by the scale squared. */
  rescaled: RescaledNormalization[];
}

/**
 * Reads a parsed Keras or TF.js model JSON. Throws DW301 (not a model JSON),
 * DW302 (unsupported layer class), DW303 (unsupported option value) or DW304
 * (structure Deepwire cannot represent) or DW308 (nested absurdly deep), each
 * naming the layer and JSON path.
 */
export function readKerasModel(json: unknown): KerasImport {
  // Before anything walks the value recursively (inbound nodes, option messages, JSON.stringify).
  const deepAt = tooDeepAt(json);
  if (deepAt !== null)
    throw new DeepwireError(
      'DW308',
      `values are nested more than ${MAX_JSON_DEPTH} levels deep; no model nests that deep`,
      deepAt,
    );
  const topology = findTopology(json);
  const parsed = parseTopology(topology);
  const warnings: string[] = [];
  const stateless = withoutRecurrentStates(parsed.layers);
  const { layers: nhwc, reordered } = toChannelsLast(stateless.layers, warnings);
  const { layers, outputs, rescaled } = foldChannelRescaling(nhwc, parsed.outputs, warnings);
  const graph = buildGraph({ ...parsed, layers, outputs }, topology.meta, warnings, topology.style);
  const { problems } = stateless;
  return {
    graph,
    warnings,
    problems,
    style: topology.style,
    file: topology.file,
    name: parsed.name,
    reordered,
    rescaled,
  };
}
