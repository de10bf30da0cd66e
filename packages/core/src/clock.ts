/** Time as the engine sees it; injected so tests control it. */
export interface Clock {
  /** Current processing time, epoch ms. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = Object.freeze({ now: () => Date.now() });

/** A clock that moves only when told to: for tests of timers, idleness and watermarks. */
export class ManualClock implements Clock {
  constructor(private current = 0) {}

  now(): number {
    return this.current;
  }

  /** Moves the clock forward by `ms` (never backwards). */
  advance(ms: number): void {
    // Negated so NaN is refused too: a NaN clock would silently stop every timer.
    if (!(ms >= 0)) throw new RangeError(`ManualClock cannot go back (${ms} ms)`);
    this.current += ms;
  }

  /** Sets the clock to `epochMs` (never backwards). */
  set(epochMs: number): void {
    if (!(epochMs >= this.current)) throw new RangeError(`ManualClock cannot go back from ${this.current} to ${epochMs}`);
    this.current = epochMs;
  }
}
