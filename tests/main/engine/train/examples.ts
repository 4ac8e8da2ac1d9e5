/** Example projects from resources/examples as run specs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProject } from '../../../../src/shared/project/index.js';
import { resolveDatasetPaths } from '../../../../src/main/services/project-files.js';
import type { RunSpec } from './helpers.js';

export const EXAMPLES = join(import.meta.dirname, '../../../../resources/examples');

export function example(id: string): RunSpec {
  const path = join(EXAMPLES, `${id}.deepwire`);
  const { project } = parseProject(readFileSync(path, 'utf8'));
  return {
    kind: project.kind,
    graph: project.graph,
    dataset: resolveDatasetPaths(project.dataset!, path),
    training: project.training,
  };
}
