/**
 * The project around the graph: its name, kind, file path and the dataset and
 * training settings. The graph itself lives in the graph store (it has undo);
 * `toProjectDoc` joins the two for save and training.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OpenedProject, ProjectDoc } from '../../shared/api/project.js';
import type { GraphDoc } from '../../shared/graph/types.js';
import type { DatasetConfig, GanConfig, ProjectKind, TrainingConfig } from '../../shared/training/config.js';
import { trainingConfigSchema } from '../../shared/training/config.js';

export interface ProjectState {
  name: string;
  kind: ProjectKind;
  /** Where it was last opened from or saved to; null until saved. */
  path: string | null;
  example: string | null;
  /** This open document's id in the recovery area (autosave); new for each document opened. */
  docId: string;
  /** The format version an opened file was migrated from, until it is first saved in the new one. */
  migratedFrom: number | null;
  dataset: DatasetConfig | undefined;
  training: TrainingConfig;
  gan: GanConfig | undefined;
  /** Fields of the file this version does not edit, kept so a save loses nothing. */
  extra: Record<string, unknown>;
  /** Bumped on every settings change, so the dirty marker covers them too. */
  revision: number;
  savedRevision: number;

  /** Take an opened project; `docId` keeps a recovered document's id. */
  adopt(opened: OpenedProject, docId?: string): GraphDoc;
  setName(name: string): void;
  setDataset(dataset: DatasetConfig): void;
  setTraining(patch: Partial<TrainingConfig>): void;
  setGan(gan: GanConfig | undefined): void;
  /** Remember a finished run (its settings and curves) and, when it trained any, its weights. */
  recordRun(run: Record<string, unknown>, weights: unknown): void;
  markSaved(path: string): void;
}

export type ProjectStore = StoreApi<ProjectState>;

const KNOWN = new Set(['kind', 'name', 'graph', 'dataset', 'training', 'gan']);

/** A document id the recovery contract accepts (letters, digits, - and _). */
export function newDocId(): string {
  return `doc-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export function createProjectStore(): ProjectStore {
  return createStore<ProjectState>()((set, get) => ({
    name: 'Untitled',
    kind: 'classifier',
    path: null,
    example: null,
    docId: newDocId(),
    migratedFrom: null,
    dataset: undefined,
    training: trainingConfigSchema.parse({}),
    gan: undefined,
    extra: {},
    revision: 0,
    savedRevision: 0,

    adopt(opened, docId) {
      const p = opened.project;
      const extra: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(p)) if (!KNOWN.has(k)) extra[k] = v;
      set({
        name: p.name,
        kind: p.kind,
        path: opened.path,
        example: opened.example,
        docId: docId ?? newDocId(),
        migratedFrom: opened.migratedFrom,
        dataset: p.dataset,
        training: p.training ?? trainingConfigSchema.parse({}),
        gan: p.gan,
        extra,
        revision: 0,
        savedRevision: 0,
      });
      return p.graph;
    },
    setName: (name) => set({ name, revision: get().revision + 1 }),
    setDataset: (dataset) => set({ dataset, revision: get().revision + 1 }),
    setTraining: (patch) => set({ training: { ...get().training, ...patch }, revision: get().revision + 1 }),
    setGan: (gan) => set({ gan, revision: get().revision + 1 }),
    recordRun(run, weights) {
      const { extra } = get();
      const runs = Array.isArray(extra.runs) ? extra.runs : [];
      set({
        extra: { ...extra, runs: [...runs, run], ...(weights !== null && weights !== undefined ? { weights } : {}) },
        revision: get().revision + 1,
      });
    },
    markSaved: (path) => set({ path, example: null, savedRevision: get().revision }),
  }));
}

/** The project document to save or train: the settings here plus the graph from the graph store. */
export function toProjectDoc(p: ProjectState, graph: GraphDoc): ProjectDoc {
  return {
    ...p.extra,
    kind: p.kind,
    name: p.name,
    graph,
    ...(p.dataset ? { dataset: p.dataset } : {}),
    training: p.training,
    ...(p.gan ? { gan: p.gan } : {}),
  };
}
