/**
 * A HyperLogLog sketch with 2^14 registers (standard error 1.04/√16384 ≈ 0.81 %) over 52-bit hashes:
 * the top 14 bits pick a register, which keeps the longest run of leading zeros (+1) of the other 38.
 * Up to SPARSE_LIMIT distinct hashes it keeps the hashes themselves (so small counts are exact, up to a
 * 2^−52 collision chance, and a sketch of a small group costs little memory); past that it turns into
 * the registers. Two sketches merge exactly: the union of the hashes, or register-wise maxima, which is
 * what one sketch fed every row holds. The estimate is Ertl's improved estimator ("New cardinality
 * estimation algorithms for HyperLogLog sketches", 2017, also Redis's): its σ term is the small-range
 * correction (it acts as linear counting while many registers are empty) and it needs no bias tables.
 */
export const HLL_PRECISION = 14;
const REGISTERS = 1 << HLL_PRECISION;
/** Hash bits after the register index. */
const Q = 52 - HLL_PRECISION;
/** 2^Q: a 52-bit hash divided by it gives the register index. */
const INDEX_DIVISOR = 2 ** Q;
const ALPHA_INFINITY = 0.5 / Math.LN2;
/** Distinct hashes kept exactly before the sketch switches to registers (about the registers' size in memory). */
export const SPARSE_LIMIT = 512;

/** A 52-bit hash (a safe integer) from a 64-bit one given as two 32-bit halves: the high 52 bits. */
export function hash52(high: number, low: number): number {
  return high * 2 ** 20 + (low >>> 12);
}

export class HyperLogLog {
  /** The exact hashes while few; undefined once the sketch uses registers. */
  private sparse: Set<number> | undefined = new Set();
  private registers: Uint8Array | undefined = undefined;

  /** Records a 52-bit hash. */
  add(hash: number): void {
    if (this.sparse !== undefined) {
      this.sparse.add(hash);
      if (this.sparse.size > SPARSE_LIMIT) this.densify();
      return;
    }
    record(this.registers as Uint8Array, hash);
  }

  /** Folds another sketch into this one: afterwards this is the sketch of the union. */
  merge(other: HyperLogLog): void {
    if (other.sparse !== undefined) {
      for (const hash of other.sparse) this.add(hash);
      return;
    }
    if (this.registers === undefined) this.densify();
    const mine = this.registers as Uint8Array;
    const theirs = other.registers as Uint8Array;
    for (let i = 0; i < REGISTERS; i++) {
      if ((theirs[i] as number) > (mine[i] as number)) mine[i] = theirs[i] as number;
    }
  }

  /** The number of distinct hashes: exact while sparse, else estimated and rounded to an integer. */
  /** The sketch as it is: its sparse hashes (exact 52-bit numbers) or a copy of its registers. */
  snapshot(): Float64Array | Uint8Array {
    return this.sparse !== undefined ? Float64Array.from(this.sparse) : (this.registers as Uint8Array).slice();
  }

  /** Replaces the sketch with one `snapshot` returned. */
  restore(state: Float64Array | Uint8Array): void {
    if (state instanceof Float64Array) {
      this.sparse = new Set(state);
      this.registers = undefined;
    } else {
      this.sparse = undefined;
      this.registers = state.slice();
    }
  }

  estimate(): number {
    if (this.sparse !== undefined) return this.sparse.size;
    const registers = this.registers as Uint8Array;
    const histogram = new Float64Array(Q + 2);
    for (let i = 0; i < REGISTERS; i++) {
      const rank = registers[i] as number;
      histogram[rank] = (histogram[rank] as number) + 1;
    }
    const m = REGISTERS;
    let z = m * tau((m - (histogram[Q + 1] as number)) / m);
    for (let k = Q; k >= 1; k--) z = 0.5 * (z + (histogram[k] as number));
    z += m * sigma((histogram[0] as number) / m);
    return Math.round((ALPHA_INFINITY * m * m) / z);
  }

  private densify(): void {
    const registers = new Uint8Array(REGISTERS);
    for (const hash of this.sparse ?? []) record(registers, hash);
    this.registers = registers;
    this.sparse = undefined;
  }
}

/** Raises the register of `hash` to the hash's rank: 1 + the leading zeros of its low Q bits (Q + 1 when all zero). */
function record(registers: Uint8Array, hash: number): void {
  const index = Math.floor(hash / INDEX_DIVISOR);
  const rest = hash - index * INDEX_DIVISOR;
  // rest < 2^38: its top 6 bits and low 32 bits, each counted with clz32.
  const top = Math.floor(rest / 2 ** 32);
  const rank = top !== 0 ? Math.clz32(top) - 26 + 1 : rest !== 0 ? 6 + Math.clz32(rest >>> 0) + 1 : Q + 1;
  if (rank > (registers[index] as number)) registers[index] = rank;
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
