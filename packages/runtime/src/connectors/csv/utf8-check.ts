/**
 * Byte indexes where each maximal sequence that is not UTF-8 starts (WHATWG decoding rules, as Buffer and
 * StringDecoder apply them: each such sequence decodes to one U+FFFD), including a character cut by the end
 * of `bytes`. Called only for bytes a native check found not to be UTF-8.
 */
export function invalidUtf8Starts(bytes: Uint8Array): number[] {
  const starts: number[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
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
    } else {
      starts.push(i);
      i++;
      continue;
    }
    let j = i + 1;
    let complete = true;
    for (let seen = 0; seen < need; seen++, j++) {
      const c = j < n ? (bytes[j] as number) : -1;
      if (c < lower || c > upper) {
        complete = false;
        break;
      }
      lower = 0x80;
      upper = 0xbf;
    }
    if (!complete) starts.push(i);
    i = j;
  }
  return starts;
}
