/** The frame every generated training script shares: keras-script.ts, lightning-script.ts and cycle-script.ts fill it. */
import { pyStr } from '../escape.js';

export interface ScriptFrame {
  /** The docstring's lines, the first beginning after the opening quotes. Never project text: PROJECT holds the name. */
  doc: string[];
  /** Imports after argparse, math and os (numpy and the rest, with their blank lines). */
  imports: string[];
  version: string;
  /** Python after HERE and DEEPWIRE_VERSION: the constants, the definitions and `main`. */
  body: string[];
}

/** The docstring, the imports, HERE and DEEPWIRE_VERSION, the body, then the call of main(). */
export const trainingScript = (f: ScriptFrame): string =>
  [
    `"""${f.doc[0]}`,
    ...f.doc.slice(1),
    '"""',
    'import argparse',
    'import math',
    'import os',
    '',
    ...f.imports,
    '',
    'HERE = os.path.dirname(os.path.abspath(__file__))',
    `DEEPWIRE_VERSION = ${pyStr(f.version)}`,
    ...f.body,
    '',
    'if __name__ == "__main__":',
    '    main()',
    '',
  ].join('\n');
