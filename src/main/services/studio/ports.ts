/**
 * What the studio's handlers need from the rest of main, as small interfaces.
 * `default-ports.ts` binds them to the real services (project files, the
 * training supervisor, and the engine host for datasets, exports and
 * inspections); the Electron binding adds dialogs.
 */
import type { BuiltinDatasetInfo, DatasetPreview } from '../../../shared/api/datasets.js';
import type { EngineProgress } from '../../../shared/api/engine.js';
import type { ExportFormat, ExportResult } from '../../../shared/api/export.js';
import type { EmbeddingMethod, InspectImage, InspectResult, Interpolation } from '../../../shared/api/inspect.js';
import type { ExampleInfo, ProjectDoc } from '../../../shared/api/project.js';
import type { Problem } from '../../../shared/errors.js';
import type { RunStatus, TrainingOverrides } from '../../../shared/api/training.js';
import type { ProjectKind, DatasetConfig } from '../../../shared/training/config.js';
import type { BackendPreference, BackendReport } from '../../../shared/training/backend.js';
import type { TrainingEvent } from '../../../shared/training/protocol.js';

export interface ProjectFilesPort {
  /** Read, check and migrate a .deepwire file (DW2xx on failure). */
  read(path: string): Promise<{ project: ProjectDoc; migratedFrom: number | null; warnings: Problem[] }>;
  /** Write atomically; the in-memory document is untouched on failure (DW206). */
  /** Returns the `modifiedAt` stamped into the file: the base the saved document now stands on. */
  write(path: string, project: ProjectDoc): Promise<string>;
  /** A fresh project of a kind, from an example template when named. */
  create(kind: ProjectKind, template?: string): Promise<ProjectDoc>;
  listExamples(): Promise<ExampleInfo[]>;
  readExample(id: string): Promise<ProjectDoc>;
}

export interface TrainingPort {
  /** `python`: the desktop's `pythonPath` setting (never from a page: the contract's overrides cannot name it). */
  start(
    project: ProjectDoc,
    overrides: TrainingOverrides & { backend: BackendPreference; python?: string },
  ): Promise<{ runId: string }>;
  pause(): Promise<RunStatus>;
  resume(): Promise<RunStatus>;
  stop(): Promise<RunStatus>;
  status(): RunStatus;
  /** Every engine event of every run; returns the unsubscribe function. */
  onEvent(listener: (runId: string, event: TrainingEvent) => void): () => void;
  /** The engine's backend report, once known (null before the first probe). */
  backend(): Promise<BackendReport | null>;
  dispose(): Promise<void>;
}

export interface DatasetPort {
  builtins(): Promise<BuiltinDatasetInfo[]>;
  /** `config` paths have already been checked against the path policy. */
  preview(config: DatasetConfig, count: number, kind: ProjectKind, cacheDir: string | null): Promise<DatasetPreview>;
}

export interface ExportPort {
  /** Write the export into the folder `destination` (DW7xx on failure; nothing half-written), reporting progress. */
  run(
    project: ProjectDoc,
    format: ExportFormat,
    destination: string,
    projectPath?: string,
    onProgress?: (p: EngineProgress) => void,
  ): Promise<ExportResult>;
}

export interface InspectPort {
  /**
   * Inside the trained classifier for a test sample, or an image file (its bytes base64, as the page sent
   * them: only the engine decodes images); dataset paths already checked and absolute (DW530/DW531, DW402/DW411).
   */
  run(
    project: ProjectDoc,
    subject: { sample: number } | { image: InspectImage },
    embedding: { samples: number; method: EmbeddingMethod },
    cacheDir: string | null,
  ): Promise<InspectResult>;
  /** A trained GAN's images between two noise vectors (DW626/DW627). */
  interpolate(project: ProjectDoc, opts: { steps: number; label: number; seed?: number }): Promise<Interpolation>;
}

/** Native dialogs (Electron); absent in the web studio (DW608). Null = cancelled. */
export interface DialogPort {
  openProject(): Promise<string | null>;
  saveProject(suggestedName: string): Promise<string | null>;
  pick(kind: 'folder' | 'csv' | 'idx'): Promise<string | null>;
  /** A folder to export into. */
  exportFolder(format: ExportFormat): Promise<string | null>;
  /** The Python for the PyTorch backend (a program Deepwire will run: only a native dialog may name it). */
  pickPython?(): Promise<string | null>;
}
