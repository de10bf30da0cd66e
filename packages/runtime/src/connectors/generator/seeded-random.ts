/** mulberry32's state increment per draw. */
const STEP = 0x6d2b79f5;

/** A small deterministic PRNG (mulberry32): the same seed gives the same rows on every machine. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Starts the sequence again from another seed (reuses the object: no allocation per reseed). */
  reseed(seed: number): void {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1): `nextUint32() / 2^32`. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** The next draw as an unsigned 32-bit integer. */
  nextUint32(): number {
    let t = (this.state = (this.state + STEP) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /**
   * Takes `draws` draws without computing them, in O(1): the state moves by the same constant at every draw
   * (the output is a hash of it), so n draws move it by n times the constant, modulo 2^32.
   */
  skip(draws: number): void {
    this.state = (this.state + Math.imul(draws, STEP)) >>> 0;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}
