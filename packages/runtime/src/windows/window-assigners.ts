/** Epoch-aligned window starts (dialect §5 Alignment): start = ⌊t/size⌋·size; half-open [start, end). */
export function tumblingWindowStart(time: number, sizeMs: number): number {
  return Math.floor(time / sizeMs) * sizeMs;
}

/**
 * Starts of every sliding (hopping) window that contains `time`: windows start every `advanceMs`
 * (aligned to the epoch) and last `sizeMs`. Written into `out` (reused) in ascending order.
 */
export function slidingWindowStarts(time: number, sizeMs: number, advanceMs: number, out: number[]): number[] {
  out.length = 0;
  const last = Math.floor(time / advanceMs) * advanceMs;
  let first = last;
  while (first - advanceMs > time - sizeMs) first -= advanceMs;
  for (let start = first; start <= last; start += advanceMs) out.push(start);
  return out;
}
