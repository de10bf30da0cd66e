import { SeededRandom } from './seeded-random.js';

/** Products and their category: the TABLE side of the stream–table join. `p13` is missing, so its orders never join. */
export const PRODUCTS: readonly (readonly [string, string])[] = [
  ['p01', 'books'], ['p02', 'books'], ['p03', 'books'],
  ['p04', 'games'], ['p05', 'games'], ['p06', 'games'],
  ['p07', 'music'], ['p08', 'music'], ['p09', 'music'],
  ['p10', 'tools'], ['p11', 'tools'], ['p12', 'tools'],
];
const ORDERED_PRODUCTS = [...PRODUCTS.map(([product]) => product), 'p13'];

/** Epoch ms of the first order's event time (2024-01-01T00:00:00Z). */
export const FIRST_EVENT_TIME = Date.UTC(2024, 0, 1);
/** Event time between two orders, and the tumbling window size the app uses. */
export const ORDER_SPACING_MS = 40;
export const WINDOW_MS = 5_000;

export interface Order {
  readonly orderId: number;
  readonly product: string;
  readonly qty: number;
  /** Price in cents (the JSON carries it as a 2-decimal number, the app as DECIMAL(10,2)). */
  readonly priceCents: number;
  readonly ts: number;
  readonly partition: number;
}

export interface Shipment {
  readonly shipmentId: number;
  readonly customer: string;
  readonly weight: number;
}

/** `orderCount` orders with ascending event times, spread over `partitions` partitions (ascending in each). */
export function generateOrders(random: SeededRandom, orderCount: number, partitions: number): Order[] {
  const orders: Order[] = [];
  for (let i = 0; i < orderCount; i++) {
    orders.push({
      orderId: i + 1,
      product: random.pick(ORDERED_PRODUCTS),
      qty: random.int(1, 5),
      priceCents: random.int(100, 99_999),
      ts: FIRST_EVENT_TIME + i * ORDER_SPACING_MS,
      partition: i % partitions,
    });
  }
  return orders;
}

/** One order per partition a minute after the last one: its watermark closes every window of `orders`, its own stays open. */
export function sentinelOrders(orders: readonly Order[], partitions: number): Order[] {
  const last = orders[orders.length - 1]?.ts ?? FIRST_EVENT_TIME;
  return Array.from({ length: partitions }, (_, partition) => ({ orderId: 1_000_000 + partition, product: 'p01', qty: 1, priceCents: 100, ts: last + 60_000, partition }));
}

export function orderJson(order: Order): string {
  const price = `${Math.floor(order.priceCents / 100)}.${String(order.priceCents % 100).padStart(2, '0')}`;
  return `{"order_id":${order.orderId},"product":"${order.product}","qty":${order.qty},"price":${price},"ts":${order.ts}}`;
}

export function generateShipments(random: SeededRandom, count: number): Shipment[] {
  const customers = ['acme', 'globex', 'initech', 'umbrella', 'hooli'];
  return Array.from({ length: count }, (_, i) => ({ shipmentId: i + 1, customer: random.pick(customers), weight: random.int(1, 40) }));
}

export function shipmentJson(shipment: Shipment): string {
  return `{"shipment_id":${shipment.shipmentId},"customer":"${shipment.customer}","weight":${shipment.weight}}`;
}
