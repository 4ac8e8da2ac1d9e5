/**
 * The real-model corpus (tests/fixtures/real-models, issue #14): each file with the total its own weight
 * manifest or its repository's printed summary gives, and the files Deepwire cannot read yet, each with the
 * numbered error it gives today. The list of failing files must only shrink: a listed file that starts to
 * read fails its test until it is taken off the list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS_DIR = join(__dirname, '../../fixtures/real-models');

export interface CorpusModel {
  /** Folder under tests/fixtures/real-models holding model.json (and its shards when `weights`). */
  slug: string;
  repo: string;
  path: string;
  commit: string;
  licence: string;
  /** Total parameters, from the file's weight manifest or the repository's printed summary. */
  total: number;
  source: string;
  covers: string;
  weights: boolean;
}

export const CORPUS: CorpusModel[] = JSON.parse(readFileSync(join(CORPUS_DIR, 'expected.json'), 'utf8'));

export const modelPath = (slug: string): string => join(CORPUS_DIR, slug, 'model.json');

/**
 * Files that fail today and why (the first missing layer kind or option; the code is the one they give now,
 * for the reader: the test asks only for a numbered DW3xx error, as kinds land one at a time). A code outside
 * DW3xx is a file that reads but whose shapes stop at that layer rule (summary reports it; import refuses
 * it with DW312).
 */
export const KNOWN_FAILING: Record<string, { code: string; reason: string }> = {
  'keras2-dec-custom-layer': { code: 'DW302', reason: 'custom layer ClusteringLayer' },
  'tfjs-imdb-transformer-mha': { code: 'DW302', reason: 'custom layer PositionEmbedding (keras_hub)' },
};

/**
 * Files that read but are not valid Deepwire projects, so `deepwire summary` reports the error (exit 1)
 * and `deepwire import` refuses them with DW312 naming it.
 */
export const REFUSED_ON_IMPORT: Record<string, { code: string; reason: string }> = {
  'keras2-captcha-multi-output': { code: 'DW117', reason: 'four outputs (one per captcha character)' },
  'keras2-connect-four-two-heads': { code: 'DW117', reason: 'two outputs (policy and value heads)' },
  'keras2-reversi-two-heads': { code: 'DW117', reason: 'two outputs (policy and value heads)' },
  'keras2-seq2seq-decoder-states': { code: 'DW319', reason: 'LSTM initial_state inputs and return_state outputs' },
  'keras2-seq2seq-encoder-states': { code: 'DW319', reason: 'LSTM return_state (its two states are the outputs)' },
};

/** Files whose import reads an option approximately (with a warning), so they cannot predict exactly like TF.js. */
export const PREDICTS_APPROXIMATELY: Record<string, { warning: RegExp; reason: string }> = {};
