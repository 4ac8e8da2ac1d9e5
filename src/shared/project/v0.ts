/**
 * Format version 0: the prototype's draft files (spring 2026), before the
 * format settled. Kept only so those files still open; never written.
 *
 *   { format: 'deepwire-project', version: 0,
 *     type: 'classifier' | 'regressor' | 'gan', title, created, modified,
 *     model: { layers: [{ id, kind, name, config, x, y, group? }],
 *              links: [{ id?, from, to, port? }] },
 *     data: <dataset config>, train: { optimizer, lr, loss, batchSize, epochs }, gan? }
 *
 * Differences from v1: `type`/`title`/`created`/`modified` were renamed;
 * layers kept params in `config` and the position as flat `x`/`y`; links
 * were `from`/`to`/`port`; the optimizer was a name plus a flat `lr`; there
 * was no app stamp, description, run history, weights or view.
 */
import { z } from 'zod';
import { APP_NAME } from './format.js';

export const v0Schema = z.looseObject({
  format: z.literal('deepwire-project'),
  version: z.literal(0),
  type: z.enum(['classifier', 'regressor', 'gan']),
  title: z.string(),
  created: z.string(),
  modified: z.string(),
  model: z.looseObject({
    layers: z.array(
      z.looseObject({
        id: z.string(),
        kind: z.string(),
        name: z.string(),
        config: z.record(z.string(), z.unknown()).default({}),
        x: z.number(),
        y: z.number(),
        group: z.string().optional(),
      }),
    ),
    links: z.array(
      z.looseObject({ id: z.string().optional(), from: z.string(), to: z.string(), port: z.number().optional() }),
    ),
  }),
  data: z.record(z.string(), z.unknown()),
  train: z.looseObject({
    optimizer: z.string(),
    lr: z.number(),
    loss: z.string(),
    batchSize: z.number(),
    epochs: z.number(),
  }),
  gan: z.record(z.string(), z.unknown()).optional(),
});
export type ProjectV0 = z.infer<typeof v0Schema>;

/** v0 → v1: rename and regroup; values are carried over and checked by the v1 schema. */
export function migrateV0toV1(doc: ProjectV0): Record<string, unknown> {
  const { optimizer, lr, ...train } = doc.train;
  return {
    format: 'deepwire-project',
    version: 1,
    kind: doc.type,
    name: doc.title,
    description: '',
    createdAt: doc.created,
    modifiedAt: doc.modified,
    // v0 files did not record the app; this marks them as prototype files.
    app: { name: APP_NAME, version: '0.0.0-prototype' },
    dataset: doc.data,
    training: { ...train, optimizer: { name: optimizer, learningRate: lr } },
    ...(doc.gan ? { gan: doc.gan } : {}),
    graph: {
      nodes: doc.model.layers.map((l) => ({
        id: l.id,
        name: l.name,
        kind: l.kind,
        ...(l.group ? { group: l.group } : {}),
        position: { x: l.x, y: l.y },
        params: l.config,
      })),
      edges: doc.model.links.map((k, i) => ({
        id: k.id ?? `e${i + 1}`,
        source: k.from,
        target: k.to,
        targetPort: k.port ?? 0,
      })),
    },
    runs: [],
  };
}
