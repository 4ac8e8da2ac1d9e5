/** What every runs.* request carries: the open document's run records and, once saved, its file. */
import type { RunRecord } from '../../shared/project/runs-schema.js';
import type { ProjectState } from '../stores/projectStore.js';

export interface HistorySource {
  runs: RunRecord[];
  projectPath?: string;
}

export function documentRuns(p: Pick<ProjectState, 'extra'>): RunRecord[] {
  return Array.isArray(p.extra.runs) ? (p.extra.runs as RunRecord[]) : [];
}

export function historySource(p: Pick<ProjectState, 'extra' | 'path'>): HistorySource {
  return { runs: documentRuns(p), ...(p.path ? { projectPath: p.path } : {}) };
}
