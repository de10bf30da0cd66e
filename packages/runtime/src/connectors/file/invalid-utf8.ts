/**
 * Where a chunk's bytes are not UTF-8. The decoder turns each maximal invalid sequence (WHATWG rules, as
 * Node's StringDecoder does) into one U+FFFD, which is 3 bytes when measured back: a reader mapping chars to
 * byte offsets must take `3 - length` off for each such U+FFFD. Only called for chunks known to hold one.
 */

/** What replacementByteLengths gives for a U+FFFD that is in the input itself (EF BF BD), not a stand-in. */
export const REAL_REPLACEMENT = 0;

/**
 * At byte `i` of `bytes` (a byte ≥ 0x80): the length of the UTF-8 character that starts there (> 0); −k when the k
 * bytes from `i` are a maximal sequence that is not UTF-8 (WHATWG rules: it decodes to one U+FFFD); 0 when `bytes`
 * ends inside a character that could still be complete.
 */
export function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i] as number;
  let need: number;
  let lower = 0x80;
  let upper = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    if (b === 0xe0) lower = 0xa0;
    if (b === 0xed) upper = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    if (b === 0xf0) lower = 0x90;
    if (b === 0xf4) upper = 0x8f;
  } else return -1;
  let j = i + 1;
  for (let seen = 0; seen < need; seen++, j++) {
    if (j >= bytes.length) return 0;
    const c = bytes[j] as number;
    if (c < lower || c > upper) return -(j - i);
    lower = 0x80;
    upper = 0xbf;
  }
  return j - i;
}

/** Per U+FFFD the chunk decodes to, in order: the bytes it stands for (1-3), or REAL_REPLACEMENT. */
export function replacementByteLengths(bytes: Uint8Array): number[] {
  const lengths: number[] = [];
  const n = bytes.length;
  let i = 0;
  // Continuation bytes at the very start finish a character the previous chunk began (the decoder carried it).
  while (i < 3 && i < n && ((bytes[i] as number) & 0xc0) === 0x80) i++;
  while (i < n) {
    if ((bytes[i] as number) < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceAt(bytes, i);
    if (length === 0) return lengths; // cut by the chunk's end: the decoder carries it to the next chunk
    if (length < 0) {
      lengths.push(-length);
      i -= length;
      continue;
    }
    if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) lengths.push(REAL_REPLACEMENT);
    i += length;
  }
  return lengths;
}
