import { utf8SequenceAt } from '../file/invalid-utf8.js';

/**
 * Byte indexes where each maximal sequence that is not UTF-8 starts (WHATWG decoding rules, as Buffer and
 * StringDecoder apply them: each such sequence decodes to one U+FFFD), including a character cut by the end
 * of `bytes`. Called only for bytes a native check found not to be UTF-8.
 */
export function invalidUtf8Starts(bytes: Uint8Array): number[] {
  const starts: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    if ((bytes[i] as number) < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceAt(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    starts.push(i);
    if (length === 0) break;
    i -= length;
  }
  return starts;
}
