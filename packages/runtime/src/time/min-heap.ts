/**
 * A binary min-heap: what closes next (a window end, a session end, a join row's expiry) is always at the
 * top, so an operator closes state only when the watermark crosses the earliest pending end, never by
 * scanning everything it holds.
 */
export class MinHeap<T> {
  private readonly items: T[] = [];

  /** `before(a, b)` is true when `a` must come out before `b`. */
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  /** The items in heap order (a copy): what a checkpoint keeps, so `restoreItems` rebuilds the very same heap. */
  itemsInHeapOrder(): T[] {
    return this.items.slice();
  }

  /** Replaces the items with ones `itemsInHeapOrder` gave (already a heap, in that order). */
  restoreItems(items: readonly T[]): void {
    this.items.length = 0;
    for (const item of items) this.items.push(item);
  }

  /** The earliest item, without removing it. */
  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(item, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = item;
  }

  /** Removes and returns the earliest item. */
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    const n = items.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.before(items[right]!, items[left]!) ? right : left;
      if (!this.before(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
