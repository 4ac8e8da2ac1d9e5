/**
 * The desktop build (`npm run build`, `npm start`): main (ESM, plus the
 * training and engine workers as more entries), the preload (CommonJS with everything bundled, as
 * a sandboxed preload must be) and the renderer (the same page as the web
 * studio, served from app://deepwire).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const at = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The engine's worker thread entry, once the engine ships one. */
const workerEntry = at('./src/main/engine/worker.ts');
const mainEntries: Record<string, string> = { index: at('./src/main/index.ts') };
if (existsSync(workerEntry)) mainEntries['engine-worker'] = workerEntry;
/** The long-lived engine worker: previews, exports, import checks, generation, inspections (the studio passes its URL). */
mainEntries['engine-service'] = at('./src/main/services/engine/worker.ts');
/** The data-parallel trainer's helper thread (src/main/engine/backend/parallel/helper.ts finds it by this name). */
mainEntries['parallel-worker'] = at('./src/main/engine/backend/parallel/worker.ts');

export default defineConfig({
  main: {
    build: {
      outDir: at('./out/main'),
      target: 'node22',
      rollupOptions: { input: mainEntries, output: { format: 'es', entryFileNames: '[name].js' } },
    },
  },
  preload: {
    build: {
      outDir: at('./out/preload'),
      externalizeDeps: false,
      rollupOptions: {
        input: { index: at('./src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: at('./src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: at('./out/renderer'),
      target: 'chrome140',
      rollupOptions: { input: at('./src/renderer/index.html') },
    },
  },
});
