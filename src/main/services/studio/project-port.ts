/**
 * Project files for the studio, on the project format of src/shared/project:
 * parse (with migration) on open, check + stable serialisation + atomic write
 * on save, the example projects of resources/examples.
 */
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import type { ExampleInfo, ProjectDoc } from '../../../shared/api/project.js';
import { DeepwireError } from '../../../shared/errors.js';
import {
  APP_NAME,
  APP_VERSION,
  CURRENT_VERSION,
  PROJECT_EXTENSION,
  PROJECT_FORMAT,
  newProject,
  parseProject,
  serializeProject,
  touchProject,
  type Project,
} from '../../../shared/project/index.js';
import { writeFileAtomic } from '../settings.js';
import type { ProjectFilesPort } from './ports.js';

/** Example ids are file stems: nothing that could climb out of the folder. */
const EXAMPLE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

async function readText(path: string): Promise<string> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'the file does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message;
    throw new DeepwireError('DW205', why, path);
  }
}

/** The file envelope a document from the page may lack (a page that never opened a file). */
function withEnvelope(project: ProjectDoc): Project {
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
  const examplePath = (id: string) => {
    if (!EXAMPLE_ID.test(id)) throw new DeepwireError('DW601', `'${id.slice(0, 80)}' is not an example id`, 'request.id');
    return join(examplesDir, id + PROJECT_EXTENSION);
  };

  const readExample = async (id: string): Promise<Project> => {
    const path = examplePath(id);
    const text = await readText(path).catch((e: unknown) => {
      throw e instanceof DeepwireError && e.detail === 'the file does not exist' ? new DeepwireError('DW205', `there is no example '${id}'`, 'request.id') : e;
    });
    return parseProject(text, basename(path)).project;
  };

  return {
    async read(path) {
      const parsed = parseProject(await readText(path), basename(path));
      return { project: parsed.project, migratedFrom: parsed.migratedFrom ?? null, warnings: parsed.warnings };
    },
    async write(path, project) {
      // Checked by the schema first: an invalid document is never written (DW203).
      const text = serializeProject(touchProject(withEnvelope(project)));
      try {
        await writeFileAtomic(path, text);
      } catch (e) {
        throw new DeepwireError('DW206', `${basename(path)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, path);
      }
    },
    async create(kind, template) {
      if (!template) return newProject(kind, `Untitled ${kind}`);
      const base = await readExample(template);
      if (base.kind !== kind) throw new DeepwireError('DW601', `the template '${template}' is a ${base.kind}, not a ${kind}`, 'request.template');
      const now = new Date().toISOString();
      // A template gives the graph and settings; the new project has no history or weights.
      return { ...base, name: `${base.name} copy`, createdAt: now, modifiedAt: now, runs: [], weights: undefined };
    },
    async listExamples(): Promise<ExampleInfo[]> {
      const files = (await fs.readdir(examplesDir).catch(() => [] as string[])).filter((f) => f.endsWith(PROJECT_EXTENSION)).sort();
      const examples: ExampleInfo[] = [];
      for (const file of files) {
        try {
          const { project } = parseProject(await fs.readFile(join(examplesDir, file), 'utf8'), file);
          examples.push({ id: basename(file, PROJECT_EXTENSION), name: project.name, kind: project.kind, description: project.description });
        } catch {
          // A damaged example is left out of the list rather than breaking the start screen.
        }
      }
      return examples;
    },
    readExample,
  };
}
