import { PRODUCTS, WINDOW_MS, type Order, type Shipment } from './order-feed.js';

/** A result row by its identity (`category@window_start`, `shipment_id`) and its exact values as canonical text. */
export type ExpectedRows = ReadonlyMap<string, string>;

function cents(total: bigint): string {
  const sign = total < 0n ? '-' : '';
  const abs = total < 0n ? -total : total;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Canonical text of a window row, from the app's output or from the expectation: `orders|units|revenue`. */
export function windowValues(orders: number, units: number, revenue: string): string {
  return `${orders}|${units}|${revenue}`;
}

/**
 * What `category_windows` must emit, computed here without the engine: per category and 5 s tumbling window of
 * event time, over the orders whose product is in the table (inner join), COUNT(*), SUM(qty) and SUM(price * qty)
 * exact to the cent. Every window of `orders` closes (the sentinels' watermark passes them all).
 */
export function expectedWindows(orders: readonly Order[]): ExpectedRows {
  const categoryOf = new Map(PRODUCTS);
  const groups = new Map<string, { orders: number; units: number; revenueCents: bigint }>();
  for (const order of orders) {
    const category = categoryOf.get(order.product);
    if (category === undefined) continue;
    const windowStart = Math.floor(order.ts / WINDOW_MS) * WINDOW_MS;
    const key = `${category}@${windowStart}`;
    const group = groups.get(key) ?? { orders: 0, units: 0, revenueCents: 0n };
    group.orders += 1;
    group.units += order.qty;
    group.revenueCents += BigInt(order.priceCents) * BigInt(order.qty);
    groups.set(key, group);
  }
  return new Map([...groups].map(([key, g]) => [key, windowValues(g.orders, g.units, cents(g.revenueCents))]));
}

/** The threshold of `heavy_shipments` (`WHERE weight >= 10`) and what it emits: the shipment, its weight doubled. */
export const HEAVY_WEIGHT = 10;

export function shipmentValues(customer: string, doubled: number): string {
  return `${customer}|${doubled}`;
}

export function expectedShipments(shipments: readonly Shipment[]): ExpectedRows {
  return new Map(shipments.filter((s) => s.weight >= HEAVY_WEIGHT).map((s) => [String(s.shipmentId), shipmentValues(s.customer, s.weight * 2)]));
}
