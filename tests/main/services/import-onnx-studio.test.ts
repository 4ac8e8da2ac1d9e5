/** The studio's import (project.importModel, over the web studio's contract) opens an .onnx file. */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Project } from '../../../src/shared/project/index.js';

const fixtures = fileURLToPath(new URL('../../fixtures/onnx/', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'deepwire-onnx-studio-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('project.importModel of an ONNX file', () => {
  it('opens a torch.onnx.export CNN as an untitled classifier with its weights and the NCHW note', async () => {
    const { createWebStudio } = await import('../../../src/main/server/web-studio.js');
    const studio = createWebStudio({ roots: [root], configDir: join(root, 'config'), checkResponses: true });
    try {
      const path = join(root, 'torch-cnn.onnx');
      copyFileSync(join(fixtures, 'torch-cnn.onnx'), path);
      const opened = await studio.call('project.importModel', { path });
      expect(opened).toMatchObject({ path: null, example: null });
      const project = opened.project as Project;
      expect(project.kind).toBe('classifier');
      // Named after the file (not the graph's 'torch_jit'), and described as imported from it.
      expect(project.name).toBe('torch-cnn');
      expect(project.description).toContain('Imported from');
      expect(project.description).toContain('/torch-cnn.onnx (with weights)');
      expect(project.weights).toBeDefined();
      expect(project.graph.nodes.map((n) => n.kind)).toContain('BatchNormalization');
      expect(opened.warnings.map((w) => w.message).join('\n')).toContain("input 'x' is NCHW");
    } finally {
      await studio.dispose();
    }
  });
});
