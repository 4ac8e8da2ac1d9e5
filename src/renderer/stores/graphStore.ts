/**
 * The graph store: the document being edited, the selection, undo/redo
 * history and the shape report. One store per editor (built by
 * `createGraphStore`) so tests and windows never share state.
 *
 * Every structural edit goes through `commit`, which records one undo step
 * and recomputes the shape report with `inferShapes`. Drags call `preview`
 * for each frame and `commit` once at the end: one undo step per gesture.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { GraphDoc } from '../../shared/graph/types.js';
import type { Shape } from '../../shared/layers/types.js';
import type { ShapeReport } from '../../shared/shape/types.js';
import type { ProjectKind } from '../../shared/training/config.js';
import { inferShapes } from '../../shared/shape/infer.js';

export interface Selection {
  nodes: readonly string[];
  edges: readonly string[];
}

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };
export const EMPTY_DOC: GraphDoc = { nodes: [], edges: [] };

interface Snapshot {
  doc: GraphDoc;
  selection: Selection;
  label: string;
}

export interface CommitOptions {
  /** The selection after the edit (default: unchanged, minus removed ids). */
  selection?: Selection;
  /**
   * Consecutive commits with the same key within `coalesceMs` merge into one
   * undo step (typing "128" into a field is one edit, not three).
   */
  coalesceKey?: string;
  /** Only positions changed: the shape report stays as it is. */
  layoutOnly?: boolean;
}

export interface GraphState {
  doc: GraphDoc;
  projectKind: ProjectKind;
  /** The dataset's sample shape when known (checks DW108). */
  sampleShape: Shape | undefined;
  report: ShapeReport;
  selection: Selection;
  past: readonly Snapshot[];
  future: readonly Snapshot[];
  /** The document as last saved or opened; `doc !== savedDoc` means unsaved changes. */
  savedDoc: GraphDoc;
  /** The document before a drag began, so the whole drag is one undo step. */
  gestureBase: GraphDoc | null;
  lastCommit: { key: string; at: number } | null;

  commit(label: string, recipe: (doc: GraphDoc) => GraphDoc, opts?: CommitOptions): void;
  /**
   * Runs `fn` so that the commits it makes synchronously become one undo
   * step (`record`) or none (the document changes, the history does not).
   */
  transaction<T>(record: boolean, fn: () => T): T;
  preview(recipe: (doc: GraphDoc) => GraphDoc): void;
  undo(): void;
  redo(): void;
  select(selection: Selection): void;
  load(doc: GraphDoc, projectKind?: ProjectKind): void;
  setSampleShape(shape: Shape | undefined): void;
  setProjectKind(kind: ProjectKind): void;
  markSaved(): void;
}

export type GraphStore = StoreApi<GraphState>;

export interface GraphStoreOptions {
  doc?: GraphDoc;
  projectKind?: ProjectKind;
  historyLimit?: number;
  coalesceMs?: number;
  now?: () => number;
}

function pruneSelection(sel: Selection, doc: GraphDoc): Selection {
  const nodes = new Set(doc.nodes.map((n) => n.id));
  const edges = new Set(doc.edges.map((e) => e.id));
  const keptNodes = sel.nodes.filter((id) => nodes.has(id));
  const keptEdges = sel.edges.filter((id) => edges.has(id));
  return keptNodes.length === sel.nodes.length && keptEdges.length === sel.edges.length
    ? sel
    : { nodes: keptNodes, edges: keptEdges };
}

export function createGraphStore(options: GraphStoreOptions = {}): GraphStore {
  const limit = options.historyLimit ?? 200;
  const coalesceMs = options.coalesceMs ?? 1500;
  const now = options.now ?? (() => Date.now());
  const analyse = (doc: GraphDoc, projectKind: ProjectKind, sampleShape: Shape | undefined) =>
    inferShapes(doc, { projectKind, ...(sampleShape ? { sampleShape } : {}) });
  const initialDoc = options.doc ?? EMPTY_DOC;
  const initialKind = options.projectKind ?? 'classifier';

  // The open transaction, if any: whether it records, and whether its one step is already in `past`.
  let txn: { record: boolean; stepped: boolean } | null = null;

  return createStore<GraphState>()((set, get) => ({
    doc: initialDoc,
    projectKind: initialKind,
    sampleShape: undefined,
    report: analyse(initialDoc, initialKind, undefined),
    selection: EMPTY_SELECTION,
    past: [],
    future: [],
    savedDoc: initialDoc,
    gestureBase: null,
    lastCommit: null,

    commit(label, recipe, opts = {}) {
      const s = get();
      const before = s.gestureBase ?? s.doc;
      const next = recipe(s.doc);
      if (next === before) {
        set({ doc: next, gestureBase: null });
        return;
      }
      const t = now();
      // Inside a transaction only its first commit may make a step (and may still merge with a typed edit).
      const coalesce =
        (txn !== null && (!txn.record || txn.stepped)) ||
        (opts.coalesceKey !== undefined &&
          s.lastCommit?.key === opts.coalesceKey &&
          t - s.lastCommit.at < coalesceMs &&
          s.past.length > 0);
      if (txn) txn.stepped = true;
      const past = coalesce ? s.past : [...s.past, { doc: before, selection: s.selection, label }].slice(-limit);
      set({
        doc: next,
        past,
        future: [],
        gestureBase: null,
        selection: pruneSelection(opts.selection ?? s.selection, next),
        report: opts.layoutOnly ? s.report : analyse(next, s.projectKind, s.sampleShape),
        lastCommit: opts.coalesceKey !== undefined ? { key: opts.coalesceKey, at: t } : null,
      });
    },

    transaction(record, fn) {
      if (txn) return fn(); // nested: the outer transaction decides
      txn = { record, stepped: false };
      try {
        return fn();
      } finally {
        txn = null;
      }
    },

    preview(recipe) {
      const s = get();
      set({ doc: recipe(s.doc), gestureBase: s.gestureBase ?? s.doc });
    },

    undo() {
      const s = get();
      const prev = s.past[s.past.length - 1];
      if (!prev) return;
      const current: Snapshot = { doc: s.gestureBase ?? s.doc, selection: s.selection, label: prev.label };
      set({
        doc: prev.doc,
        selection: pruneSelection(prev.selection, prev.doc),
        past: s.past.slice(0, -1),
        future: [...s.future, current],
        gestureBase: null,
        lastCommit: null,
        report: analyse(prev.doc, s.projectKind, s.sampleShape),
      });
    },

    redo() {
      const s = get();
      const next = s.future[s.future.length - 1];
      if (!next) return;
      set({
        doc: next.doc,
        selection: pruneSelection(next.selection, next.doc),
        past: [...s.past, { doc: s.doc, selection: s.selection, label: next.label }],
        future: s.future.slice(0, -1),
        gestureBase: null,
        lastCommit: null,
        report: analyse(next.doc, s.projectKind, s.sampleShape),
      });
    },

    select(selection) {
      set({ selection: pruneSelection(selection, get().doc), lastCommit: null });
    },

    load(doc, projectKind) {
      const kind = projectKind ?? get().projectKind;
      set({
        doc,
        projectKind: kind,
        savedDoc: doc,
        selection: EMPTY_SELECTION,
        past: [],
        future: [],
        gestureBase: null,
        lastCommit: null,
        report: analyse(doc, kind, get().sampleShape),
      });
    },

    setSampleShape(shape) {
      const s = get();
      set({ sampleShape: shape, report: analyse(s.doc, s.projectKind, shape) });
    },

    setProjectKind(kind) {
      const s = get();
      set({ projectKind: kind, report: analyse(s.doc, kind, s.sampleShape) });
    },

    markSaved() {
      set({ savedDoc: get().doc });
    },
  }));
}
