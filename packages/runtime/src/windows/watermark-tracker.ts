import { ErrorCodes, VeloError, type StateValue } from '@velots/core';

/** Event-time progress of one partition of a partitioned input (Kafka). */
interface PartitionProgress {
  max: number;
  lastArrival: number;
  caughtUp: boolean;
  idle: boolean;
}

interface InputProgress {
  /** Progress per partition, once a partition other than 0 appeared (Kafka); undefined while only partition 0 has. */
  partitions: Map<number, PartitionProgress> | undefined;
  /** The input's own watermark before out-of-orderness: the minimum over its partitions. */
  low: number;
  /** Processing time of the input's latest arrival. */
  lastArrival: number;
  /** It handed over everything it had (the end of a tailed file, stdin with nothing buffered, Kafka at its high watermark). */
  caughtUp: boolean;
  /** Caught up and silent for the idle timeout: it no longer holds the watermark back. */
  idle: boolean;
  ended: boolean;
}

/**
 * Event-time progress of one operator: the watermark is the minimum over the operator's inputs of each input's
 * watermark, which is the minimum over its partitions of the largest event time seen there, less the allowed
 * out-of-orderness. It only moves forward, record by record; the end of every input moves it to +∞.
 *
 * Idle inputs: an input that is caught up and has been silent for `idleTimeoutMs` stops holding the others back;
 * when every input is idle, processing time since their last records advances the watermark, so windows close
 * without waiting for a later record. An input that is behind never advances by wall-clock time.
 */
export class WatermarkTracker {
  private readonly inputs: InputProgress[] = [];
  private current: InputProgress;
  private value = -Infinity;
  /** The most an idle period moved the watermark: it never goes back when records resume. */
  private floor = -Infinity;
  private ended = false;

  constructor(
    private readonly maxOutOfOrdernessMs: number,
    inputCount = 1,
    private readonly idleTimeoutMs = 0,
  ) {
    for (let i = 0; i < Math.max(1, inputCount); i++) this.inputs.push(newInput());
    this.current = this.inputs[0]!;
  }

  /** The records observed next come from input `input` (a member of a merged input; 0 otherwise). */
  select(input: number): void {
    this.current = this.inputs[input] ?? this.inputs[0]!;
    this.current.idle = false;
  }

  /**
   * Whether the selected input handed over everything it had with its latest batch (read at processing time `now`);
   * `caughtUpPartitions` names the partitions that did when only some of them did; `partitions`, every partition the
   * input reads now (a Kafka assignment), when it says.
   */
  markCaughtUp(caughtUp: boolean, now: number, caughtUpPartitions?: readonly number[], partitions?: readonly number[]): void {
    const input = this.current;
    input.caughtUp = caughtUp;
    if (Number.isNaN(input.lastArrival)) input.lastArrival = now;
    if (partitions !== undefined && (input.partitions !== undefined || partitions.some((p) => p !== 0))) this.assign(input, partitions);
    if (input.partitions === undefined) return;
    const listed = caughtUpPartitions === undefined ? undefined : new Set(caughtUpPartitions);
    for (const [id, partition] of input.partitions) {
      partition.caughtUp = caughtUp || listed?.has(id) === true;
      if (Number.isNaN(partition.lastArrival)) partition.lastArrival = now;
    }
  }

  /**
   * The input reads exactly `partitions` now. One that has not delivered a record yet holds the input's mark back (a
   * window must not close before a partition's first records arrive, e.g. on a cold start over several partitions)
   * until it is caught up and idle; one no longer read (revoked in a rebalance) stops holding it.
   */
  private assign(input: InputProgress, partitions: readonly number[]): void {
    const progress = (input.partitions ??= new Map(input.low === -Infinity ? [] : [[0, newPartition(input.low, input.lastArrival)]]));
    let changed = false;
    for (const partition of partitions) {
      if (progress.has(partition)) continue;
      progress.set(partition, newPartition(-Infinity, Number.NaN));
      changed = true;
    }
    if (progress.size > partitions.length) {
      const assigned = new Set(partitions);
      for (const partition of progress.keys()) {
        if (assigned.has(partition)) continue;
        progress.delete(partition);
        changed = true;
      }
    }
    if (changed && progress.size > 0) this.lowerInput(input);
  }

  /** Records an arrival on the selected input: its event time, partition and (for idle detection) processing time. */
  observe(eventTime: number, arrivedAt?: number, partition = 0): void {
    const input = this.current;
    if (arrivedAt !== undefined) input.lastArrival = arrivedAt;
    if (input.partitions === undefined && partition === 0) {
      // One partition (files, stdin, in-process streams): its largest event time is the input's mark.
      if (eventTime > input.low) {
        input.low = eventTime;
        this.recompute();
      }
      return;
    }
    const partitions = (input.partitions ??= new Map(input.low === -Infinity ? [] : [[0, newPartition(input.low, input.lastArrival)]]));
    let progress = partitions.get(partition);
    if (progress === undefined) {
      progress = newPartition(-Infinity, Number.NaN);
      partitions.set(partition, progress);
    }
    if (arrivedAt !== undefined) progress.lastArrival = arrivedAt;
    if (progress.idle) {
      progress.idle = false;
      this.lowerInput(input);
    }
    if (eventTime <= progress.max) return;
    const seen = progress.max;
    progress.max = eventTime;
    // The input's mark is the minimum over its partitions: it moves when the one holding it back moves.
    if (seen <= input.low) this.lowerInput(input);
  }

  /** Recomputes an input's mark: the minimum over its partitions that are not idle. */
  private lowerInput(input: InputProgress): void {
    let low = Infinity;
    let active = false;
    for (const partition of input.partitions!.values()) {
      if (partition.idle) continue;
      active = true;
      if (partition.max < low) low = partition.max;
    }
    if (!active) for (const partition of input.partitions!.values()) low = Math.min(low, partition.max);
    input.low = low;
    this.recompute();
  }

  /** Input `input` has ended: it holds nothing back any more. */
  endInput(input: number): void {
    const progress = this.inputs[input];
    if (!progress) return;
    progress.ended = true;
    this.recompute();
  }

  /**
   * Processing time `now` has come: inputs caught up and silent for the idle timeout stop holding the watermark
   * back, and when all of them are, event time advances with processing time since their last records.
   */
  advanceIdle(now: number): void {
    if (this.idleTimeoutMs <= 0) return;
    let allIdle = true;
    let advanced = -Infinity;
    for (const input of this.inputs) {
      if (input.ended) continue;
      if (input.partitions !== undefined) this.idlePartitions(input, now);
      const silentFor = now - input.lastArrival;
      input.idle = input.caughtUp && silentFor >= this.idleTimeoutMs;
      if (!input.idle) allIdle = false;
      else if (input.low > -Infinity) advanced = Math.max(advanced, input.low + silentFor - this.maxOutOfOrdernessMs);
    }
    if (allIdle && advanced > this.floor) this.floor = advanced;
    this.recompute();
  }

  /** Caught-up partitions silent for the idle timeout stop holding their input back (while some partition is active). */
  private idlePartitions(input: InputProgress, now: number): void {
    let changed = false;
    for (const partition of input.partitions!.values()) {
      const idle = partition.caughtUp && now - partition.lastArrival >= this.idleTimeoutMs;
      if (idle !== partition.idle) {
        partition.idle = idle;
        changed = true;
      }
    }
    if (changed) this.lowerInput(input);
  }

  /**
   * The tracker's state for a checkpoint: per input `[partitions, low, lastArrival, caughtUp, idle, ended]` (partitions
   * as `[id, max, lastArrival, caughtUp, idle]` rows, or null), the selected input, the watermark, its idle floor, and
   * whether all input ended. Times stay exact doubles (−∞ and NaN included).
   */
  snapshot(): StateValue {
    const inputs = this.inputs.map((input) => [
      input.partitions === undefined ? null : [...input.partitions].map(([id, p]) => [id, p.max, p.lastArrival, p.caughtUp, p.idle]),
      input.low,
      input.lastArrival,
      input.caughtUp,
      input.idle,
      input.ended,
    ]);
    return { inputs, current: this.inputs.indexOf(this.current), value: this.value, floor: this.floor, ended: this.ended };
  }

  /** Replaces the state with one `snapshot` returned by a tracker of the same inputs. */
  restore(state: StateValue): void {
    type Saved = readonly [readonly (readonly [number, number, number, boolean, boolean])[] | null, number, number, boolean, boolean, boolean];
    const saved = state as { inputs: readonly Saved[]; current: number; value: number; floor: number; ended: boolean };
    if (saved.inputs.length !== this.inputs.length) {
      throw new VeloError(ErrorCodes.CHECKPOINT, `a checkpoint's watermark has ${saved.inputs.length} inputs, this operator reads ${this.inputs.length}`);
    }
    saved.inputs.forEach(([partitions, low, lastArrival, caughtUp, idle, ended], i) => {
      const input = this.inputs[i]!;
      input.partitions =
        partitions === null ? undefined : new Map(partitions.map(([id, max, arrival, partCaughtUp, partIdle]) => [id, { max, lastArrival: arrival, caughtUp: partCaughtUp, idle: partIdle }]));
      input.low = low;
      input.lastArrival = lastArrival;
      input.caughtUp = caughtUp;
      input.idle = idle;
      input.ended = ended;
    });
    this.current = this.inputs[saved.current] ?? this.inputs[0]!;
    this.value = saved.value;
    this.floor = saved.floor;
    this.ended = saved.ended;
  }

  /** No more input at all: every window may close. */
  end(): void {
    this.ended = true;
  }

  get watermark(): number {
    return this.ended ? Infinity : this.value;
  }

  private recompute(): void {
    if (this.inputs.length === 1 && !this.current.idle && !this.current.ended) {
      const next = Math.max(this.floor, this.current.low - this.maxOutOfOrdernessMs);
      if (next > this.value) this.value = next;
      return;
    }
    let low = Infinity;
    let anyActive = false;
    for (const input of this.inputs) {
      if (input.ended || input.idle) continue;
      anyActive = true;
      if (input.low < low) low = input.low;
    }
    if (!anyActive) {
      // Every input ended or idle: the largest event time seen anywhere bounds what may still come.
      low = -Infinity;
      for (const input of this.inputs) if (input.low > low) low = input.low;
    }
    const next = Math.max(this.floor, low - this.maxOutOfOrdernessMs);
    if (next > this.value) this.value = next;
  }
}

function newPartition(max: number, lastArrival: number): PartitionProgress {
  return { max, lastArrival, caughtUp: false, idle: false };
}

function newInput(): InputProgress {
  return { partitions: undefined, low: -Infinity, lastArrival: Number.NaN, caughtUp: false, idle: false, ended: false };
}
