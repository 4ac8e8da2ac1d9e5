/** DW4xx — datasets: a title and a fix for each code (the catalogue is ../errors.ts). */
import type { ErrorEntry } from './entry.js';

export const DATASET_ERRORS = {
  DW401: { title: 'Dataset not found', fix: 'Check the path, or pick a built-in dataset.' },
  DW402: { title: 'Image could not be decoded', fix: 'Remove or re-save the named file as PNG or JPEG.' },
  DW403: { title: 'Ragged CSV row', fix: 'Give every row of the CSV the same number of columns as its header.' },
  DW404: { title: 'Label column missing', fix: 'Name an existing column as the label/target column.' },
  DW405: { title: 'Empty class folder', fix: 'Put at least one image in every class folder, or remove the folder.' },
  DW406: {
    title: 'Value is not a number',
    fix: 'Feature and target columns must be numeric: fix or remove the named cell.',
  },
  DW407: { title: 'IDX file damaged', fix: 'The IDX header or length is wrong: download the file again.' },
  DW408: {
    title: 'Dataset does not fit the model',
    fix: 'Change the Input shape or the output units to match the dataset.',
  },
  DW409: {
    title: 'Not enough data',
    fix: 'Provide more rows/images, or lower lookback, horizon or the validation split.',
  },
  DW410: {
    title: 'Feature column missing',
    fix: 'Name existing columns as features, or leave the feature list empty to use every numeric column.',
  },
  DW411: {
    title: 'Image too large',
    fix: 'Shrink the named image to at most 4096 × 4096 pixels (and 256 MB), or remove it from the folder.',
  },
  DW412: {
    title: 'Not an image file',
    fix: 'Remove or rename the named entry: every .png/.jpg/.jpeg in a class folder must be a readable image file (not a folder or a broken link).',
  },
  DW413: {
    title: 'Dataset too large for memory',
    fix: 'Lower the image size setting (at most 4096 × 4096) or use fewer images.',
  },
  DW414: {
    title: 'Too many classes',
    fix: 'A classifier takes at most 65,536 classes numbered from 0: check the label column or file (regression targets belong in a regressor).',
  },
  // Token-id sequences of different lengths (issue #14)
  DW415: {
    title: 'Tokens cell not understood',
    fix: 'Write each row\'s tokens as whole numbers ≥ 0 separated by spaces (e.g. "4 12 7 9"), at least one and at most 100,000 per row; 0 is the padding id.',
  },
} as const satisfies Record<`DW4${string}`, ErrorEntry>;
