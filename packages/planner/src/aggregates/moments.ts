/**
 * Running moments in Welford's numerically stable form, mergeable with Chan, Golub and LeVeque's pairwise
 * combination: a merge gives the same statistics as one pass over all rows, up to floating-point rounding.
 */

/** Count, mean and sum of squared deviations of one variable. */
export class Moments {
  n = 0;
  mean = 0;
  /** Σ (x − mean)². */
  m2 = 0;

  add(x: number): void {
    const n = ++this.n;
    const delta = x - this.mean;
    this.mean += delta / n;
    this.m2 += delta * (x - this.mean);
  }

  /** `[n, mean, m2]` as exact doubles (−0 kept). */
  snapshot(): Float64Array {
    return Float64Array.of(this.n, this.mean, this.m2);
  }

  restore(state: Float64Array): void {
    [this.n, this.mean, this.m2] = state as unknown as [number, number, number];
  }

  merge(other: Moments): void {
    if (other.n === 0) return;
    if (this.n === 0) {
      this.n = other.n;
      this.mean = other.mean;
      this.m2 = other.m2;
      return;
    }
    const n = this.n + other.n;
    const delta = other.mean - this.mean;
    this.mean += (delta * other.n) / n;
    this.m2 += other.m2 + (delta * delta * this.n * other.n) / n;
    this.n = n;
  }
}

/** Count, means, squared deviations and co-deviation of a pair (y, x). */
export class CoMoments {
  n = 0;
  meanX = 0;
  meanY = 0;
  /** Σ (x − x̄)². */
  sxx = 0;
  /** Σ (y − ȳ)². */
  syy = 0;
  /** Σ (x − x̄)(y − ȳ). */
  sxy = 0;

  add(y: number, x: number): void {
    const n = ++this.n;
    const dx = x - this.meanX;
    const dy = y - this.meanY;
    this.meanX += dx / n;
    this.meanY += dy / n;
    this.sxx += dx * (x - this.meanX);
    this.syy += dy * (y - this.meanY);
    this.sxy += dx * (y - this.meanY);
  }

  /** `[n, meanX, meanY, sxx, syy, sxy]` as exact doubles (−0 kept). */
  snapshot(): Float64Array {
    return Float64Array.of(this.n, this.meanX, this.meanY, this.sxx, this.syy, this.sxy);
  }

  restore(state: Float64Array): void {
    [this.n, this.meanX, this.meanY, this.sxx, this.syy, this.sxy] = state as unknown as [number, number, number, number, number, number];
  }

  merge(other: CoMoments): void {
    if (other.n === 0) return;
    if (this.n === 0) {
      this.n = other.n;
      this.meanX = other.meanX;
      this.meanY = other.meanY;
      this.sxx = other.sxx;
      this.syy = other.syy;
      this.sxy = other.sxy;
      return;
    }
    const n = this.n + other.n;
    const dx = other.meanX - this.meanX;
    const dy = other.meanY - this.meanY;
    const weight = (this.n * other.n) / n;
    this.meanX += (dx * other.n) / n;
    this.meanY += (dy * other.n) / n;
    this.sxx += other.sxx + dx * dx * weight;
    this.syy += other.syy + dy * dy * weight;
    this.sxy += other.sxy + dx * dy * weight;
    this.n = n;
  }
}
