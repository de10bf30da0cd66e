// Quoted fields of RFC 4180 CSV, read from the raw UTF-8 bytes: where one closes, its value, the line ends inside it.

const LF = 10;

/** The index of the closing quote of a quoted field opened just before `from`; -1 when it is not in the bytes yet. */
export function closingQuoteAt(b: Buffer, quote: number, from: number, final: boolean): number {
  let start = from;
  for (;;) {
    const close = b.indexOf(quote, start);
    if (close === -1) return -1;
    if (b[close + 1] === quote) {
      start = close + 2;
      continue;
    }
    if (close + 1 >= b.length && !final) return -1; // the next chunk might start with the second quote
    return close;
  }
}

/** The value of the quoted field `bytes[from, close)`: doubled quotes become one. */
export function unescapeQuoted(b: Buffer, quote: number, from: number, close: number): string {
  let doubled = b.indexOf(quote, from);
  if (doubled >= close) return b.toString('utf8', from, close);
  // Quotes are ASCII, so decoding the pieces between them gives the same text as decoding the whole field.
  let value = '';
  let start = from;
  while (doubled !== -1 && doubled < close) {
    value += b.toString('utf8', start, doubled + 1);
    start = doubled + 2;
    doubled = b.indexOf(quote, start);
  }
  return value + b.toString('utf8', start, close);
}

/** The number of line feeds in `bytes[from, to)` (a quoted field may span lines). */
export function countNewlines(bytes: Buffer, from: number, to: number): number {
  let count = 0;
  for (let i = bytes.indexOf(LF, from); i !== -1 && i < to; i = bytes.indexOf(LF, i + 1)) count++;
  return count;
}
