/** The size of a layer node on the canvas, for layouts made before (or without) measuring it. */
export const NODE_SIZE = { width: 240, height: 110 } as const;

/** Gaps that suit the canvas' nodes, shared by auto-layout and opening templates. */
export const LAYOUT_GAPS = { nodeGap: 48, rankGap: 64 } as const;
