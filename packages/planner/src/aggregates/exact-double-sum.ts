/** Values this large are summed apart, scaled down by 2^100, so 1e308 + 1e308 − 1e308 does not overflow. */
const HUGE = 2 ** 1000;
const SCALE_DOWN = 2 ** -100;
const SCALE_UP = 2 ** 100;

/**
 * An exact running sum of doubles (Shewchuk's non-overlapping partials, the algorithm behind Python's
 * math.fsum): the total is kept without rounding and rounded once, correctly, when read. So SUM and AVG
 * of DOUBLE do not depend on arrival order, and merging two partial sums gives bit-for-bit the result
 * of one sum over all rows. Values beyond 2^1000 are summed exactly in a second, scaled-down sum (the
 * two are combined with one more rounding), and infinities and NaN aside, as IEEE does (∞ + −∞ = NaN).
 */
export class ExactDoubleSum {
  readonly total = new PartialsSum();
  readonly huge = new PartialsSum();
  count = 0;

  /** Adds one value. */
  add(value: number): void {
    this.count++;
    if (value < HUGE && value > -HUGE) this.total.add(value);
    else if (Number.isFinite(value)) this.huge.add(value * SCALE_DOWN);
    else this.total.add(value);
  }

  /** Adds another sum's exact totals and count. */
  /** `[partials of the total, partials of the huge part, count]` (partials as exact doubles, −0 and infinities kept). */
  snapshot(): readonly [Float64Array, Float64Array, number] {
    return [this.total.snapshot(), this.huge.snapshot(), this.count];
  }

  restore([total, huge, count]: readonly [Float64Array, Float64Array, number]): void {
    this.total.restore(total);
    this.huge.restore(huge);
    this.count = count;
  }

  merge(other: ExactDoubleSum): void {
    this.total.merge(other.total);
    this.huge.merge(other.huge);
    this.count += other.count;
  }

  /** The total rounded to a double (correctly, unless values beyond 2^1000 were added). */
  value(): number {
    const huge = this.huge.value();
    return huge === 0 ? this.total.value() : huge * SCALE_UP + this.total.value();
  }
}

/** Shewchuk's partials: an exact sum of doubles, rounded correctly when read. */
class PartialsSum {
  /** Non-overlapping partials in increasing magnitude; their exact sum is the total. */
  private readonly partials: number[] = [];
  private special = 0;
  private hasSpecial = false;

  /** Adds one value exactly. */
  add(value: number): void {
    this.addExact(value);
  }

  /** Adds another sum's exact total. */
  /** The partials, then the special value (an infinity or NaN) when there is one. */
  snapshot(): Float64Array {
    const out = new Float64Array(this.partials.length + (this.hasSpecial ? 1 : 0));
    out.set(this.partials);
    if (this.hasSpecial) out[this.partials.length] = this.special;
    return out;
  }

  restore(state: Float64Array): void {
    this.partials.length = 0;
    this.hasSpecial = false;
    this.special = 0;
    for (const value of state) {
      if (Number.isFinite(value)) this.partials.push(value);
      else {
        this.special = value;
        this.hasSpecial = true;
      }
    }
  }

  merge(other: PartialsSum): void {
    for (const partial of other.partials) this.addExact(partial);
    if (other.hasSpecial) this.addSpecial(other.special);
  }

  /** The exact total rounded to the nearest double (ties to even). */
  value(): number {
    if (this.hasSpecial) return this.special;
    const partials = this.partials;
    let j = partials.length;
    if (j === 0) return 0;
    let hi = partials[--j] as number;
    let lo = 0;
    while (j > 0) {
      const x = hi;
      const y = partials[--j] as number;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Half-way cases: the partials below `lo` decide whether rounding hi + lo went the right way.
    if (j > 0) {
      const below = partials[j - 1] as number;
      if ((lo < 0 && below < 0) || (lo > 0 && below > 0)) {
        const y = lo * 2;
        const x = hi + y;
        if (y === x - hi) hi = x;
      }
    }
    return hi;
  }

  private addExact(value: number): void {
    if (!Number.isFinite(value)) {
      this.addSpecial(value);
      return;
    }
    const partials = this.partials;
    let x = value;
    let kept = 0;
    for (let i = 0; i < partials.length; i++) {
      let y = partials[i] as number;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      if (!Number.isFinite(hi)) {
        // Only reachable past 2^24 values near 2^1000: the total is an IEEE infinity, as a plain sum would give.
        partials.length = 0;
        this.addSpecial(hi);
        return;
      }
      const lo = y - (hi - x);
      if (lo !== 0) partials[kept++] = lo;
      x = hi;
    }
    partials.length = kept;
    partials.push(x);
  }

  private addSpecial(value: number): void {
    this.special = this.hasSpecial ? this.special + value : value;
    this.hasSpecial = true;
  }
}
