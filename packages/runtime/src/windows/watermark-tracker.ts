/**
 * Event-time progress of one operator input: watermark = max event time seen − allowed
 * out-of-orderness. It only moves forward; the end of a bounded input moves it to +∞. While an
 * unbounded input is silent, processing time moves it on (`advanceIdle`), so windows close without
 * waiting for a later record.
 */
export class WatermarkTracker {
  private maxEventTime = -Infinity;
  private ended = false;
  /** Processing time of the latest arrival. */
  private lastArrival = Number.NaN;
  /** The watermark an idle period reached: it never goes back when records resume. */
  private floor = -Infinity;

  constructor(private readonly maxOutOfOrdernessMs: number) {}

  /** Records an arrival: its event time, and (for idle advance) the processing time it arrived at. */
  observe(eventTime: number, arrivedAt?: number): void {
    if (eventTime > this.maxEventTime) this.maxEventTime = eventTime;
    if (arrivedAt !== undefined) this.lastArrival = arrivedAt;
  }

  /** No record since the last arrival: event time is taken to advance with processing time. */
  advanceIdle(now: number): void {
    if (this.maxEventTime === -Infinity || Number.isNaN(this.lastArrival)) return;
    const idleFor = now - this.lastArrival;
    if (idleFor > 0) this.floor = Math.max(this.floor, this.maxEventTime + idleFor - this.maxOutOfOrdernessMs);
  }

  /** No more input: every window may close. */
  end(): void {
    this.ended = true;
  }

  get watermark(): number {
    return this.ended ? Infinity : Math.max(this.floor, this.maxEventTime - this.maxOutOfOrdernessMs);
  }
}
