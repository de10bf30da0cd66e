import { describe, expect, it } from 'vitest';
import { ExpiryQueue } from '../../src/joins/expiry-queue.js';

interface Item {
  readonly expires: number;
  readonly time: number;
  readonly id: string;
}

/** Pushes `items` (lane from the id's first letter: l → 0, r → 1) and pops everything. */
function drain(queue: ExpiryQueue<Item>, items: readonly Item[]): string[] {
  for (const item of items) queue.push(item, item.id.startsWith('l') ? 0 : 1);
  const out: string[] = [];
  for (let item = queue.pop(); item !== undefined; item = queue.pop()) out.push(item.id);
  return out;
}

const item = (id: string, expires: number, time = expires): Item => ({ id, expires, time });

describe('ExpiryQueue', () => {
  it('pops the earliest bound first across both lanes, then the earlier time', () => {
    const items = [item('l1', 10), item('r1', 5), item('l2', 12), item('r2', 12, 3), item('l3', 20), item('r3', 7)];
    expect(drain(new ExpiryQueue<Item>(2), items)).toEqual(['r1', 'r3', 'l1', 'r2', 'l2', 'l3']);
  });

  it('puts a row whose bound is earlier than its lane last one aside and still pops it in order', () => {
    const items = [item('l1', 10), item('l2', 30), item('l3', 15), item('l4', 40), item('l5', 12)];
    expect(drain(new ExpiryQueue<Item>(2), items)).toEqual(['l1', 'l5', 'l3', 'l2', 'l4']);
  });

  it('gives the order of a sort by bound then time on random input, ties to the lower lane', () => {
    let seed = 17;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const items = Array.from({ length: 2000 }, (_, i) => {
      const time = i * 3 - Math.floor(random() * 40);
      return item(`${random() < 0.5 ? 'l' : 'r'}${i}`, time + 100, time);
    });
    const popped = drain(new ExpiryQueue<Item>(2), items);
    const sorted = [...items].sort((a, b) => a.expires - b.expires || a.time - b.time).map((i) => i.id);
    // Equal (bound, time) pairs may come in either order; everything else is fixed.
    const key = (id: string) => {
      const found = items.find((i) => i.id === id)!;
      return `${found.expires}/${found.time}`;
    };
    expect(popped.map(key)).toEqual(sorted.map(key));
    expect(popped).toHaveLength(items.length);
  });

  it('restored from its snapshot items, pops what the original pops', () => {
    const items = [item('l1', 10), item('l2', 30), item('l3', 15), item('r1', 11), item('r2', 9)];
    const original = new ExpiryQueue<Item>(2);
    for (const i of items) original.push(i, i.id.startsWith('l') ? 0 : 1);
    original.pop();
    const copy = new ExpiryQueue<Item>(2);
    copy.restoreItems(original.itemsForSnapshot());
    expect(copy.size).toBe(original.size);
    expect(drain(copy, [])).toEqual(drain(original, []));
  });
});
