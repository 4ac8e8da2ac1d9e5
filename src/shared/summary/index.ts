/** The model summary: rows and totals as data, and the Keras-style text table. */
export {
  summarizeGraph,
  type SummarizeOptions,
  type ModelSummary,
  type SummaryModel,
  type SummaryRow,
  type SummaryTotals,
} from './summarize.js';
export { formatSummary, formatTotals, formatCount, formatBytes, formatSi } from './format.js';
