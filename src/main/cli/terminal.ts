/**
 * Text from users' files (project and layer names, CSV headers, class labels,
 * file names) reaches the terminal inside CLI output. Control characters in
 * it could clear the screen, move the cursor or retitle the window
 * (`ESC ] 0 ; pwned BEL`), so every line is passed through safeText on its
 * way out (io.ts). The CLI's own progress-bar codes are written separately,
 * never through it.
 */

/**
 * C0 controls but tab and newline, DEL, C1 controls (0x9b is an 8-bit CSI),
 * and the invisible bidirectional and line-separator marks that can make
 * text show differently from what it is.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');

/**
 * The text with each unsafe character written visibly as an escape: `\x1b`
 * for C0 controls, `\u009b` from DEL up. A JSON line stays valid JSON and
 * parses to the same value: JSON.stringify already escapes C0 controls, and
 * `\uXXXX` is JSON's own escape for the rest.
 */
export function safeText(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x7f ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}
