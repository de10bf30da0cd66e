import { invalidArgument } from './errors.js';
import { addToExactSum, type ExactSum } from './exact-sum.js';
import { MAX_EXACT_POW10, MAX_PRECISION, MAX_SAFE, POW10_NUMBER, pow10Big } from './limits.js';
import { checkedUnscaled, normalizeUnscaled, type Unscaled } from './unscaled.js';

/**
 * The running total of a DECIMAL SUM as `high + low` at `scale` (an ExactSum of unscaled values): `low` is a
 * number that takes every addend while the total stays within ±(2^53 − 1); when it would not, `low` is folded
 * into the bigint `high`. So a sum of small values never touches bigint, and a sum of large ones never loses a digit.
 */
export class SumState implements ExactSum {
  low = 0;
  high = 0n;
  scale = 0;
  count = 0;

  /** Adds unscaled × 10^−scale (scale an integer 0..38); a larger scale than seen so far rescales the total. */
  add(unscaled: Unscaled, scale: number): void {
    // The hot case inline: same scale, a number, the total still safe.
    if (scale === this.scale && typeof unscaled === 'number') {
      const next = this.low + unscaled;
      if (Math.abs(next) <= MAX_SAFE) {
        this.low = next;
        this.count++;
        return;
      }
    }
    if (scale > this.scale) this.raiseScale(scale);
    addToExactSum(this, scale === this.scale ? unscaled : alignUp(unscaled, this.scale - scale));
    this.count++;
  }

  /**
   * Adds `values[start..end)`, all at `scale`, keeping the running total in a local while it stays a safe
   * number: an object field written per value costs a store-to-load round trip that a local does not.
   */
  addColumn(values: ArrayLike<Unscaled>, scale: number, start: number, end: number): void {
    if (scale > this.scale) this.raiseScale(scale);
    if (scale !== this.scale) {
      for (let i = start; i < end; i++) this.add(values[i] as Unscaled, scale);
      return;
    }
    let low = this.low;
    let added = 0;
    for (let i = start; i < end; i++) {
      const value = values[i] as Unscaled;
      if (typeof value === 'number') {
        const next = low + value;
        if (Math.abs(next) <= MAX_SAFE) {
          low = next;
          added++;
          continue;
        }
      }
      this.low = low;
      addToExactSum(this, value);
      low = this.low;
      added++;
    }
    this.low = low;
    this.count += added;
  }

  /** Subtracts a value added before (for retractions in updating aggregates). */
  remove(unscaled: Unscaled, scale: number): void {
    if (scale > this.scale) this.raiseScale(scale);
    const aligned = scale === this.scale ? unscaled : alignUp(unscaled, this.scale - scale);
    addToExactSum(this, typeof aligned === 'number' ? 0 - aligned : -aligned);
    this.count--;
  }

  /** Adds another partial total (another partition's) into this one. */
  merge(other: SumState): void {
    if (other.scale > this.scale) this.raiseScale(other.scale);
    const shift = this.scale - other.scale;
    if (shift === 0) {
      addToExactSum(this, other.low);
      this.high += other.high;
    } else {
      const factor = pow10Big(shift);
      this.high += (BigInt(other.low) + other.high) * factor;
    }
    this.count += other.count;
  }

  /** The exact total's unscaled value at `scale`; NUMERIC_OVERFLOW past 38 digits. */
  total(): Unscaled {
    if (this.high === 0n) return this.low;
    return checkedUnscaled(this.high + BigInt(this.low), 'DECIMAL SUM');
  }

  /** The exact total as a bigint, however large (for AVG, which divides before checking the range). */
  totalBig(): bigint {
    return this.high + BigInt(this.low);
  }

  private raiseScale(scale: number): void {
    if (!Number.isInteger(scale) || scale < 0 || scale > MAX_PRECISION) {
      throw invalidArgument(`DECIMAL scale must be 0..${MAX_PRECISION}, got ${scale}`);
    }
    const shift = scale - this.scale;
    this.high *= pow10Big(shift);
    const low = alignUp(this.low, shift);
    if (typeof low === 'number') this.low = low;
    else {
      this.high += low;
      this.low = 0;
    }
    this.scale = scale;
  }
}

/** unscaled × 10^shift, staying a number when the product is safe. */
function alignUp(unscaled: Unscaled, shift: number): Unscaled {
  if (typeof unscaled === 'number' && shift <= MAX_EXACT_POW10) {
    const scaled = unscaled * (POW10_NUMBER[shift] as number);
    if (scaled <= MAX_SAFE && scaled >= -MAX_SAFE) return scaled;
  }
  return normalizeUnscaled(BigInt(unscaled) * pow10Big(shift));
}
