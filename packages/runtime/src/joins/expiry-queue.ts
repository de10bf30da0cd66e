import { MinHeap } from '../time/min-heap.js';

/** What the queue orders: a bound (`expires`), then the row's time. */
export interface Expiring {
  readonly expires: number;
  readonly time: number;
}

const NONE = -2;
const LATE = -1;

function before(a: Expiring, b: Expiring): boolean {
  return a.expires < b.expires || (a.expires === b.expires && a.time < b.time);
}

/**
 * The rows of an interval join waiting for the watermark to pass their bound, earliest bound first. A stream's
 * rows mostly arrive in time order, so each input (lane) keeps a first-in first-out run of rows whose bounds never
 * decrease: pushing and popping those is O(1) and reads memory in order. Only a row that arrives with an earlier
 * bound than its lane's last goes to a heap. `pop` takes the earliest of the lanes' heads and the heap's top (on a
 * tie the lower lane, then the heap), so the order depends on the arrival order alone, never on batch boundaries.
 */
export class ExpiryQueue<T extends Expiring> {
  private readonly lanes: { items: T[]; head: number }[];
  private readonly late = new MinHeap<T>(before);

  constructor(laneCount: number) {
    this.lanes = Array.from({ length: laneCount }, () => ({ items: [], head: 0 }));
  }

  get size(): number {
    let n = this.late.size;
    for (const lane of this.lanes) n += lane.items.length - lane.head;
    return n;
  }

  push(item: T, lane: number): void {
    const run = this.lanes[lane]!;
    const last = run.items.length > run.head ? run.items[run.items.length - 1]! : undefined;
    if (last === undefined || !before(item, last)) run.items.push(item);
    else this.late.push(item);
  }

  /** The earliest item, without removing it. */
  peek(): T | undefined {
    const from = this.earliest();
    if (from === NONE) return undefined;
    if (from === LATE) return this.late.peek();
    const lane = this.lanes[from]!;
    return lane.items[lane.head];
  }

  /** Removes and returns the earliest item. */
  pop(): T | undefined {
    const from = this.earliest();
    if (from === NONE) return undefined;
    if (from === LATE) return this.late.pop();
    const lane = this.lanes[from]!;
    const item = lane.items[lane.head++]!;
    if (lane.head === lane.items.length) {
      lane.items.length = 0;
      lane.head = 0;
    } else if (lane.head >= 1024 && lane.head * 2 > lane.items.length) {
      lane.items.splice(0, lane.head);
      lane.head = 0;
    }
    return item;
  }

  /** Where the earliest item is: a lane's index, LATE (the heap) or NONE. Ties go to the lower lane, then to the lanes over the heap. */
  private earliest(): number {
    let best: T | undefined;
    let from = NONE;
    for (let l = 0; l < this.lanes.length; l++) {
      const lane = this.lanes[l]!;
      if (lane.head >= lane.items.length) continue;
      const head = lane.items[lane.head]!;
      if (best === undefined || before(head, best)) {
        best = head;
        from = l;
      }
    }
    const top = this.late.peek();
    if (top !== undefined && (best === undefined || before(top, best))) from = LATE;
    return from;
  }

  /** The items for a checkpoint: each lane's run in order, then the heap in heap order. */
  itemsForSnapshot(): { lanes: T[][]; late: T[] } {
    return { lanes: this.lanes.map((lane) => lane.items.slice(lane.head)), late: this.late.itemsInHeapOrder() };
  }

  /** Replaces the items with ones `itemsForSnapshot` gave. */
  restoreItems(saved: { lanes: readonly (readonly T[])[]; late: readonly T[] }): void {
    this.lanes.forEach((lane, l) => {
      lane.items = (saved.lanes[l] ?? []).slice();
      lane.head = 0;
    });
    this.late.restoreItems(saved.late);
  }
}
