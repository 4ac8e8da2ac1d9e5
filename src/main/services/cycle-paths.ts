/**
 * A CycleGAN's two image folders (`gan.cycle.domains.a` / `.b`) are relative
 * to the project file's folder, like every dataset path (absolute ones are
 * kept), so a project and its data move together.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { GanConfig } from '../../shared/training/config.js';

export function resolveCyclePaths<G extends Partial<GanConfig> | undefined>(gan: G, projectPath: string): G {
  const domains = gan?.cycle?.domains;
  if (!gan || !domains || domains.source !== 'image-folders') return gan;
  const base = dirname(resolve(projectPath));
  const abs = (p: string) => (isAbsolute(p) ? p : join(base, p));
  return { ...gan, cycle: { ...gan.cycle!, domains: { ...domains, a: abs(domains.a), b: abs(domains.b) } } };
}
