// The soak's input: `records` events in event-time order (1 ms apart) over `keys` keys picked by a seeded LCG,
// so the child process that is measured and the parent that counts open groups see exactly the same stream.

/**
 * Yields `{ k, v, ts }` objects; calls `onEvery(i)` before event `i` each `every` events (the soak samples memory
 * there: the engine's loop runs on microtasks, so timers do not fire while it is busy).
 */
export function* churnEvents(records, keys, seed, every = 0, onEvery = undefined) {
  let state = seed >>> 0;
  for (let i = 0; i < records; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    if (every > 0 && i > 0 && i % every === 0) onEvery?.(i);
    yield { k: state % keys, v: i % 97, ts: i };
  }
}

/** The keys alone, for the open-group count (no objects). */
export function* churnKeys(records, keys, seed) {
  let state = seed >>> 0;
  for (let i = 0; i < records; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    yield state % keys;
  }
}

/** The soak app: a tumbling and a session window, both GROUP BY k with EMIT FINAL, over their own copy of the stream. */
export function churnApp(tumblingSeconds, sessionGapSeconds) {
  return `
    CREATE STREAM tumbling_out AS SELECT k, COUNT(*) AS n, SUM(v) AS s FROM events_a GROUP BY k WINDOW TUMBLING(ts, ${tumblingSeconds}s);
    CREATE STREAM session_out AS SELECT k, COUNT(*) AS n, SUM(v) AS s FROM events_b GROUP BY k WINDOW SESSION(ts, ${sessionGapSeconds}s);`;
}

/** The seed of the soak stream. */
export const SEED = 7;

/** The engine's default allowed out-of-orderness: a window closes once the watermark (max time − this) passes its end. */
export const OUT_OF_ORDERNESS_MS = 5000;

/**
 * Open groups over the run, counted by replaying the window rules on the keys: every `every` records, the tumbling
 * groups of windows not yet closed plus the sessions not yet closed (a key's session stays open while the
 * watermark is before its last event + gap). Returns `{ at, tumbling, session }` per point, and the rows the app
 * must emit in all (every window group and every session, all closed by the end of the bounded run).
 */
export function openGroups(records, keys, seed, tumblingSeconds, sessionGapSeconds, every) {
  const size = tumblingSeconds * 1000;
  const gap = sessionGapSeconds * 1000;
  const windows = new Map(); // window start -> Set of keys
  const lastSeen = new Map(); // key -> last event time
  const recent = []; // key of each event, by event time (ts = index): where sessions close from
  let head = 0;
  const points = [];
  let windowGroups = 0;
  let sessions = 0;
  let i = 0;
  for (const key of churnKeys(records, keys, seed)) {
    const ts = i;
    const watermark = ts - OUT_OF_ORDERNESS_MS;
    const start = Math.floor(ts / size) * size;
    let set = windows.get(start);
    if (!set) windows.set(start, (set = new Set()));
    for (const s of windows.keys()) if (s + size <= watermark) windows.delete(s);
    const previous = lastSeen.get(key);
    // A record more than the gap after the key's last one starts a new session (within it, it joins).
    if (previous === undefined || ts - previous > gap) sessions++;
    if (!set.has(key)) windowGroups++;
    set.add(key);
    lastSeen.set(key, ts);
    recent.push(key);
    // Sessions whose last event + gap is at or before the watermark have closed.
    while (head < recent.length && head + gap <= watermark) {
      const k = recent[head];
      if (lastSeen.get(k) === head) lastSeen.delete(k);
      head++;
    }
    i++;
    if (i % every === 0) {
      let tumbling = 0;
      for (const s of windows.values()) tumbling += s.size;
      points.push({ at: i, tumbling, session: lastSeen.size });
    }
  }
  return { points, rowsOut: windowGroups + sessions };
}
