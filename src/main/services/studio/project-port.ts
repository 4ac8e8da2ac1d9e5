/**
 * The studio's ProjectFilesPort on the project-files service: parse (with
 * migration) on open, check + stable serialisation + atomic write on save,
 * the example projects of resources/examples.
 */
import type { ProjectDoc } from '../../../shared/api/project.js';
import { DeepwireError } from '../../../shared/errors.js';
import { APP_NAME, APP_VERSION, CURRENT_VERSION, PROJECT_FORMAT, type Project } from '../../../shared/project/index.js';
import { createProject, listExamples, readExample, readProjectFile, writeProjectFile } from '../project-files.js';
import type { ProjectFilesPort } from './ports.js';

/** The file envelope a document from the page may lack (a page that never opened a file). */
export function withEnvelope(project: ProjectDoc): Project {
  const now = new Date().toISOString();
  return {
    format: PROJECT_FORMAT,
    version: CURRENT_VERSION,
    createdAt: now,
    modifiedAt: now,
    app: { name: APP_NAME, version: APP_VERSION },
    description: '',
    runs: [],
    ...project,
  } as Project;
}

export function projectFilesPort(examplesDir: string): ProjectFilesPort {
  return {
    async read(path) {
      const parsed = await readProjectFile(path);
      return { project: parsed.project, migratedFrom: parsed.migratedFrom ?? null, warnings: parsed.warnings };
    },
    async write(path, project) {
      return (await writeProjectFile(path, withEnvelope(project))).modifiedAt;
    },
    async create(kind, template) {
      const project = await createProject(kind, examplesDir, template);
      if (template && project.kind !== kind) {
        throw new DeepwireError(
          'DW601',
          `the template '${template}' is a ${project.kind}, not a ${kind}`,
          'request.template',
        );
      }
      return template ? { ...project, name: `${project.name} copy` } : project;
    },
    listExamples: () => listExamples(examplesDir),
    readExample: (id) => readExample(examplesDir, id),
  };
}
