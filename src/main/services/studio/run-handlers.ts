/** training.*, export.run, settings.* and app.* — thin calls into the services. */
import { createRequire } from 'node:module';
import { platform } from 'node:os';
import { DeepwireError } from '../../../shared/errors.js';
import { checkDatasetPaths } from './files-handlers.js';
import { cacheDirResolver, checkFolderSettings } from './folder-settings.js';
import { generateDestination } from './generate-folder.js';
import { inspectPort } from './inspect-port.js';
import type { Emit, HandlersOf, StudioDeps, StudioHandlers } from './types.js';

/** Every command the other handler groups do not serve. */
type RunHandlers = Omit<
  StudioHandlers,
  keyof HandlersOf<'project' | 'recovery' | 'files' | 'dataset' | 'runs' | 'sweep'> | 'settings.choosePython'
>;

/** The TF.js version the engine trains with (About box). */
export function tfjsVersion(): string {
  try {
    return (createRequire(import.meta.url)('@tensorflow/tfjs/package.json') as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

export function runHandlers(deps: StudioDeps, emit: Emit): RunHandlers {
  const { training, settings, paths } = deps;
  const inspector = deps.inspector ?? inspectPort(deps.engine);
  const inspectCacheDir = cacheDirResolver(settings, paths, (message) => console.warn(`warning: ${message}`));
  return {
    'app.info': async () => ({
      name: 'Deepwire',
      version: deps.version,
      transport: deps.transport,
      nativeDialogs: Boolean(deps.dialogs),
      versions: { node: process.versions.node, v8: process.versions.v8, tfjs: tfjsVersion(), ...deps.versions },
      platform: `${platform()}-${process.arch}`,
      backend: await training.backend(),
    }),
    'app.documentState': async (state) => {
      deps.onDocumentState?.(state);
      return {};
    },
    'training.start': async ({ project, overrides, projectPath }) => {
      const dataset = project.dataset
        ? await checkDatasetPaths(paths, project.dataset, 'request.project.dataset', projectPath)
        : undefined;
      const { backend: preferred, pythonPath } = await settings.get();
      const backend = overrides.backend ?? preferred;
      const python = pythonPath ? { python: pythonPath } : {};
      return training.start({ ...project, ...(dataset ? { dataset } : {}) }, { ...overrides, backend, ...python });
    },
    'training.pause': () => training.pause(),
    'training.resume': () => training.resume(),
    'training.stop': () => training.stop(),
    'training.status': async () => training.status(),
    'export.run': async ({ project, format, destination, projectPath }) => {
      let target = destination;
      if (!target) {
        if (!deps.dialogs)
          throw new DeepwireError(
            'DW608',
            'export needs a destination folder in the web studio',
            'request.destination',
          );
        const picked = await deps.dialogs.exportFolder(format);
        if (!picked) return null;
        paths.allowFolder(picked, true);
        target = picked;
      }
      const real = await paths.writable(target, 'request.destination');
      return deps.exporter.run(project, format, real, projectPath, (p) =>
        emit('export.progress', { format, destination: real, ...p }),
      );
    },
    'inspect.run': async ({ project, sample, image, embeddingSamples, embeddingMethod, projectPath }) => {
      const dataset = project.dataset
        ? await checkDatasetPaths(paths, project.dataset, 'request.project.dataset', projectPath)
        : undefined;
      // The dataset cache only where the path policy allows it (as for previews).
      return inspector.run(
        { ...project, ...(dataset ? { dataset } : {}) },
        // The image's bytes go to the engine as they came: the studio process decodes no image.
        image ? { image } : { sample: sample ?? 0 },
        { samples: embeddingSamples, method: embeddingMethod },
        await inspectCacheDir(),
      );
    },
    'inspect.interpolate': async ({ project, steps, label, seed }) => {
      return inspector.interpolate(project, {
        steps,
        label,
        ...(seed === undefined ? {} : { seed }),
      });
    },
    'gan.generate': async ({ project, count, format, destination, seed, projectPath }) => {
      const real = await generateDestination(paths, deps.dialogs, destination);
      if (!real) return null;
      return deps.engine.request('gan.generate', {
        project,
        count,
        format,
        out: real,
        ...(seed === undefined ? {} : { seed }),
        ...(projectPath ? { projectPath } : {}),
      });
    },
    'settings.get': () => settings.get(),
    'settings.set': async (patch) => settings.set(await checkFolderSettings(paths, deps.dialogs, patch)),
    'settings.reset': () => settings.reset(),
  };
}
