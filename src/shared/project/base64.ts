/**
 * Base64 (RFC 4648, padded) for the weights blob. `src/shared` may not use
 * Node's Buffer, and atob/btoa go through strings one char at a time; this
 * works on bytes directly and handles megabytes in milliseconds.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const rest = bytes.length - i;
    const a = bytes[i];
    const b = rest > 1 ? bytes[i + 1] : 0;
    const c = rest > 2 ? bytes[i + 2] : 0;
    out[o++] = ALPHABET.charCodeAt(a >> 2);
    out[o++] = ALPHABET.charCodeAt(((a & 3) << 4) | (b >> 4));
    out[o++] = rest > 1 ? ALPHABET.charCodeAt(((b & 15) << 2) | (c >> 6)) : 61;
    out[o++] = rest > 2 ? ALPHABET.charCodeAt(c & 63) : 61;
  }
  const chunks: string[] = [];
  for (let i = 0; i < out.length; i += 8192) chunks.push(String.fromCharCode(...out.subarray(i, i + 8192)));
  return chunks.join('');
}

/** Decodes padded base64; returns null if the text is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const a = DECODE[text.charCodeAt(i)] ?? -1;
    const b = DECODE[text.charCodeAt(i + 1)] ?? -1;
    const c = last && pad >= 2 ? 0 : (DECODE[text.charCodeAt(i + 2)] ?? -1);
    const d = last && pad >= 1 ? 0 : (DECODE[text.charCodeAt(i + 3)] ?? -1);
    if ((a | b | c | d) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}
