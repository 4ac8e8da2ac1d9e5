/** The studio's handler table and its dependencies, typed from the contract. */
import type {
  CommandName,
  EventName,
  EventPayload,
  ParsedRequestOf,
  ResponseOf,
} from '../../../shared/api/contract.js';
import type { EnginePort } from '../engine/host.js';
import type { SettingsStore } from '../settings.js';
import type { PathPolicy } from './paths.js';
import type { DatasetPort, DialogPort, ExportPort, InspectPort, ProjectFilesPort, TrainingPort } from './ports.js';

export type Handler<C extends CommandName> = (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
export type StudioHandlers = { [C in CommandName]: Handler<C> };
/** The handlers of the commands in namespace `N` (`project` → project.new, project.open …). */
export type HandlersOf<N extends string> = Pick<StudioHandlers, Extract<CommandName, `${N}.${string}`>>;

export type Transport = 'electron' | 'web';

export interface DocumentState {
  title: string | null;
  dirty: boolean;
  /** The open document's recovery id (see recovery.*), when the page reports one. */
  docId?: string | null;
}

export interface StudioDeps {
  transport: Transport;
  /** The app's version (package.json / Electron's app.getVersion()). */
  version: string;
  settings: SettingsStore;
  paths: PathPolicy;
  /** resources/examples: projects opened from here come back untitled (save asks for a path). */
  examplesDir: string;
  /** Where dirty documents are autosaved (`<config>/recovery`). */
  recoveryDir: string;
  projects: ProjectFilesPort;
  training: TrainingPort;
  datasets: DatasetPort;
  exporter: ExportPort;
  /** The long-lived engine workers: model import checks and generated datasets (the ports above use it too). */
  engine: EnginePort;
  /** Inside a trained network (inspect.run); the engine host's when absent. */
  inspector?: InspectPort;
  /** Native dialogs: Electron only. */
  dialogs?: DialogPort;
  /** Extra versions for app.info (electron, chrome…). */
  versions?: Record<string, string>;
  /** The shell shows the title and asks before closing a dirty document. */
  onDocumentState?: (state: DocumentState) => void;
  /** Check every response against the contract too (tests; a mismatch is DW607). */
  checkResponses?: boolean;
}

/** Emit an event to every connected page. */
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
