import { daysFromCivil, epochMillis } from './fast-temporal.js';

/**
 * The digit-scanning date and timestamp shapes of fast-temporal.ts read straight from bytes (a CSV chunk),
 * without decoding the field: `YYYY-MM-DD` and `YYYY-MM-DD(T| )HH:MM:SS[.fff][Z]`. Undefined for any other
 * shape, which callers hand to the text converter.
 */

function d2(bytes: Uint8Array, i: number): number {
  const a = (bytes[i] as number) - 48, b = (bytes[i + 1] as number) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The last date converted and its days: consecutive records mostly share their date, so the calendar math runs once per date. */
let lastDateKey = -1;
let lastDays = NaN;

function civilDays(bytes: Uint8Array, at: number): number {
  if (bytes[at + 4] !== 45 || bytes[at + 7] !== 45) return NaN;
  const hi = d2(bytes, at), lo = d2(bytes, at + 2), month = d2(bytes, at + 5), day = d2(bytes, at + 8);
  if (hi < 0 || lo < 0 || month < 0 || day < 0) return NaN;
  const key = ((hi * 100 + lo) * 100 + month) * 100 + day; // unique for digit pairs 00-99
  if (key === lastDateKey) return lastDays;
  const days = daysFromCivil(hi, lo, month, day);
  lastDateKey = key;
  lastDays = days;
  return days;
}

/** `YYYY-MM-DD` at `bytes[start, end)` → days since epoch; undefined for any other shape (not only invalid dates). */
export function parseDateBytes(bytes: Uint8Array, start: number, end: number): number | undefined {
  if (end - start !== 10) return undefined;
  const days = civilDays(bytes, start);
  return Number.isNaN(days) ? undefined : days;
}

/** `YYYY-MM-DD(T| )HH:MM:SS[.fff][Z]` at `bytes[start, end)` → epoch ms; undefined for any other shape. */
export function parseTimestampBytes(bytes: Uint8Array, start: number, end: number): number | undefined {
  const n = end - start;
  const t = start;
  if ((n === 19 || n === 20 || n === 23 || n === 24) && bytes[t + 13] === 58 && bytes[t + 16] === 58) {
    const sep = bytes[t + 10];
    const zoneOk = n === 19 || n === 23 || bytes[end - 1] === 90;
    const third = (bytes[t + 22] as number) - 48;
    const fracOk = n < 23 || (bytes[t + 19] === 46 && d2(bytes, t + 20) >= 0 && third >= 0 && third <= 9);
    if ((sep === 84 || sep === 32) && zoneOk && fracOk) {
      const days = civilDays(bytes, t);
      const ms = n >= 23 ? d2(bytes, t + 20) * 10 + third : 0;
      return epochMillis(days, d2(bytes, t + 11), d2(bytes, t + 14), d2(bytes, t + 17), ms);
    }
  }
  return undefined;
}
