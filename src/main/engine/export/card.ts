/**
 * The model card (Markdown): what the model is (summary table from
 * src/shared/summary), what it was trained on and how, its final metrics and
 * curve images (curves/*.png), and for a GAN a grid of generated samples.
 */
import type { Project } from '../../../shared/project/schema.js';
import type { RunRecord } from '../../../shared/project/runs-schema.js';
import { isCycleGraph } from '../../../shared/shape/cycle-contracts.js';
import { inferShapes } from '../../../shared/shape/index.js';
import { formatSummary, summarizeGraph } from '../../../shared/summary/index.js';
import { lineChart, PALETTE } from './chart.js';
import { mdCode, mdCodeBlock, mdLines, mdText, mdUrl } from './escape.js';
import type { ExportFile } from './files.js';
import { metricColumns } from './history.js';
import type { ExportModel } from './models.js';
import { sampleGridPng } from './samples.js';

export interface CardOptions {
  version: string;
  trained: boolean;
  /** When the card is written (ISO date). */
  date: string;
}

const fmt = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : Math.abs(v) >= 1000 || Number.isInteger(v) ? String(v) : v.toPrecision(4);

function datasetLines(project: Project): string[] {
  const d = project.dataset;
  if (!d) return ['No dataset chosen.'];
  const rest = Object.entries(d).filter(([k]) => k !== 'source');
  return [
    `Source: **${mdText(d.source)}**`,
    '',
    ...rest.map(([k, v]) => `- ${mdText(k)}: ${mdCode(JSON.stringify(v))}`),
  ];
}

function trainingLines(project: Project): string[] {
  const t = project.training;
  if (project.kind === 'gan' && project.gan) {
    const g = project.gan;
    return [
      `- GAN loss: ${g.loss}; discriminator steps per generator step: ${g.discriminatorSteps}; label smoothing: ${g.labelSmoothing}`,
      `- Generator optimizer: ${g.generatorOptimizer.name}, learning rate ${g.generatorOptimizer.learningRate}`,
      `- Discriminator optimizer: ${g.discriminatorOptimizer.name}, learning rate ${g.discriminatorOptimizer.learningRate}`,
      `- Batch size ${t.batchSize}, ${t.epochs} epoch${t.epochs === 1 ? '' : 's'}, seed ${t.seed}`,
    ];
  }
  return [
    `- Optimizer: ${t.optimizer.name}, learning rate ${t.optimizer.learningRate}, schedule ${t.schedule.kind}`,
    `- Loss: ${t.loss}; metrics: ${t.metrics.join(', ') || 'none'}`,
    `- Batch size ${t.batchSize}, ${t.epochs} epoch${t.epochs === 1 ? '' : 's'}, validation split ${project.dataset?.validationSplit ?? 0.1}, seed ${t.seed}`,
    ...(t.earlyStopping
      ? [`- Early stopping on ${t.earlyStopping.monitor}, patience ${t.earlyStopping.patience}`]
      : []),
  ];
}

function runTable(runs: readonly RunRecord[]): string[] {
  if (runs.length === 0) return ['No training runs are recorded in the project.'];
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].sort();
  return [
    `| Run | Started | Status | Backend | Epochs | ${keys.map(mdText).join(' | ')} |`,
    `|---|---|---|---|---|${keys.map(() => '---|').join('')}`,
    ...runs.map(
      (r) =>
        `| ${[r.id, r.startedAt, r.status, r.backend].map(mdText).join(' | ')} | ${r.epochsCompleted} | ${keys.map((k) => fmt(r.metrics[k])).join(' | ')} |`,
    ),
  ];
}

/** Curve groups: each metric with its val_ twin, one chart per group. */
function curveFiles(run: RunRecord): { files: ExportFile[]; lines: string[] } {
  const files: ExportFile[] = [];
  const lines: string[] = [];
  const columns = metricColumns([run]).filter((m) => !m.startsWith('val_') || !Object.hasOwn(run.history, m.slice(4)));
  for (const metric of columns) {
    const names = [metric, `val_${metric}`].filter((n) => Object.hasOwn(run.history, n));
    const chart = lineChart(names.map((name) => ({ name, values: run.history[name] })));
    const path = `curves/${metric}.png`;
    files.push({ path, data: chart.png });
    const legend = names.map((n, i) => `${PALETTE[i].name}: ${mdText(n)}`).join(', ');
    lines.push(
      `![${mdText(metric)}](${mdUrl(path)})`,
      '',
      `*${legend}; y from ${fmt(chart.yRange[0])} to ${fmt(chart.yRange[1])} over ${chart.epochs} epoch${chart.epochs === 1 ? '' : 's'}.*`,
      '',
    );
  }
  return { files, lines };
}

export function cardFiles(project: Project, models: readonly ExportModel[], opts: CardOptions): ExportFile[] {
  const summary = summarizeGraph(project.graph, inferShapes(project.graph, { projectKind: project.kind }), {
    name: project.name,
  });
  const lastRun =
    [...project.runs].reverse().find((r) => r.status === 'completed') ?? project.runs[project.runs.length - 1];
  const curves = lastRun
    ? curveFiles(lastRun)
    : { files: [], lines: ['No curves: the project has no recorded run.', ''] };
  const files: ExportFile[] = [...curves.files];
  const samples: string[] = [];
  // A CycleGAN translates images rather than drawing them from noise: its card has no sample grid.
  if (project.kind === 'gan' && !isCycleGraph(project.graph)) {
    files.push({ path: 'samples.png', data: sampleGridPng(models, { count: 25, seed: project.training.seed }) });
    samples.push(
      '## Generated samples',
      '',
      `![25 samples](samples.png)${opts.trained ? '' : ' *(untrained generator: noise)*'}`,
      '',
    );
  }
  const final = lastRun ? Object.entries(lastRun.metrics).map(([k, v]) => `- ${mdText(k)}: ${fmt(v)}`) : [];
  const card = [
    `# Model card: ${mdText(project.name)}`,
    '',
    project.description ? mdLines(project.description) : '_No description._',
    '',
    `- Kind: ${project.kind}`,
    `- Weights: ${opts.trained ? 'trained (stored in the project)' : '**untrained** (initial weights; the project has not been trained)'}`,
    `- Written by Deepwire ${opts.version} on ${opts.date}`,
    '',
    '## Architecture',
    '',
    mdCodeBlock(formatSummary(summary)),
    '',
    '## Dataset',
    '',
    ...datasetLines(project),
    '',
    '## Training',
    '',
    ...trainingLines(project),
    '',
    '## Runs',
    '',
    ...runTable(project.runs),
    '',
    '## Final metrics',
    '',
    ...(final.length ? [`From run ${mdText(lastRun!.id)} (${lastRun!.status}):`, '', ...final] : ['None recorded.']),
    '',
    '## Curves',
    '',
    ...curves.lines,
    ...samples,
    '## Intended use and limitations',
    '',
    '_Describe what the model is for, what data it has not seen, and known failure cases._',
    '',
  ].join('\n');
  return [{ path: 'MODEL_CARD.md', data: card }, ...files];
}
