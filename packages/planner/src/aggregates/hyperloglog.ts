/**
 * A HyperLogLog sketch with 2^14 registers (standard error 1.04/√16384 ≈ 0.81 %) over 64-bit hashes:
 * the top 14 bits pick a register, which keeps the longest run of leading zeros (+1) of the other 50.
 * Two sketches merge exactly by taking register-wise maxima. The estimate is Ertl's improved estimator
 * ("New cardinality estimation algorithms for HyperLogLog sketches", 2017, also Redis's): its σ term is
 * the small-range correction (it behaves like linear counting while registers are empty, so small
 * counts come out exact or off by one) and it needs no empirical bias tables.
 */
export const HLL_PRECISION = 14;
const REGISTERS = 1 << HLL_PRECISION;
/** Hash bits left after the register index. */
const Q = 64 - HLL_PRECISION;
const LOW_BITS_OF_HIGH = 32 - HLL_PRECISION;
const LOW_MASK_OF_HIGH = (1 << LOW_BITS_OF_HIGH) - 1;
const ALPHA_INFINITY = 0.5 / Math.LN2;

export class HyperLogLog {
  readonly registers = new Uint8Array(REGISTERS);

  /** Records a 64-bit hash given as its high and low 32-bit halves. */
  addHash(high: number, low: number): void {
    const index = high >>> LOW_BITS_OF_HIGH;
    const rest = high & LOW_MASK_OF_HIGH;
    let rank: number;
    if (rest !== 0) rank = Math.clz32(rest) - HLL_PRECISION + 1;
    else if (low !== 0) rank = LOW_BITS_OF_HIGH + Math.clz32(low) + 1;
    else rank = Q + 1;
    if (rank > (this.registers[index] as number)) this.registers[index] = rank;
  }

  /** Folds another sketch into this one (register-wise maximum): the sketch of the union. */
  merge(other: HyperLogLog): void {
    const mine = this.registers;
    const theirs = other.registers;
    for (let i = 0; i < REGISTERS; i++) {
      if ((theirs[i] as number) > (mine[i] as number)) mine[i] = theirs[i] as number;
    }
  }

  /** The estimated number of distinct hashes recorded, rounded to an integer (0 for an empty sketch). */
  estimate(): number {
    const histogram = new Float64Array(Q + 2);
    for (let i = 0; i < REGISTERS; i++) {
      const rank = this.registers[i] as number;
      histogram[rank] = (histogram[rank] as number) + 1;
    }
    const m = REGISTERS;
    let z = m * tau((m - (histogram[Q + 1] as number)) / m);
    for (let k = Q; k >= 1; k--) z = 0.5 * (z + (histogram[k] as number));
    z += m * sigma((histogram[0] as number) / m);
    return Math.round((ALPHA_INFINITY * m * m) / z);
  }
}

/** σ(x) = x + Σ_{k≥1} x^(2^k)·2^(k−1); infinite at 1 (an empty sketch, whose estimate is then 0). */
function sigma(x: number): number {
  if (x === 1) return Infinity;
  let power = x;
  let weight = 1;
  let sum = x;
  for (;;) {
    power *= power;
    const next = sum + power * weight;
    weight += weight;
    if (next === sum) return sum;
    sum = next;
  }
}

/** τ(x) = (1 − x − Σ_{k≥1} (1 − x^(2^−k))²·2^−k) / 3; zero at 0 and 1. */
function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let root = x;
  let weight = 1;
  let sum = 1 - x;
  for (;;) {
    root = Math.sqrt(root);
    weight *= 0.5;
    const next = sum - (1 - root) * (1 - root) * weight;
    if (next === sum) return sum / 3;
    sum = next;
  }
}
