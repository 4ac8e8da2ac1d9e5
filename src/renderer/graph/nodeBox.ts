/** The size of a layer node on the canvas and the gaps between them: the shared layout's defaults. */
import { DEFAULT_GAPS, DEFAULT_NODE_SIZE } from '../../shared/graph/layout.js';

export const NODE_SIZE = DEFAULT_NODE_SIZE;
export const LAYOUT_GAPS = DEFAULT_GAPS;
