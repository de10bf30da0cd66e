/** Longest field (in bytes) the dictionary keeps; longer text is decoded as it is. */
const MAX_KEPT_BYTES = 64;
/** Distinct strings kept at most; once full, new text is decoded and not kept. */
const MAX_ENTRIES = 1 << 16;
/** Lookups after which the hit rate is checked: a column of mostly distinct values stops being kept. */
const PROBE_LOOKUPS = 8192;

/** The FNV-1a offset basis the callers start their running hash of a field's bytes from. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
/** The FNV-1a prime: `hash = Math.imul(hash ^ byte, FNV_PRIME)` per byte. */
export const FNV_PRIME = 0x01000193;

/**
 * One string object per distinct short UTF-8 byte span of a column, each with a dense id (its position in
 * `strings`), found by an FNV-1a hash the caller computed while scanning the bytes: a column of repeated values
 * (station names, symbols) decodes each distinct value once, and equal values are one object with one id. The
 * text is Buffer's UTF-8 decoding of the bytes, so keeping never changes a value.
 */
export class StringDictionary {
  /** The kept strings, by id. */
  readonly strings: string[] = [];
  /** The UTF-8 bytes of every kept string, one after another; `starts[id]` to `starts[id + 1]` are string id's. */
  private arena = new Uint8Array(4096);
  private starts = new Int32Array(1025);
  /** Open-addressing table: per slot the id + 1 (0 = empty) and the hash of that id's bytes. */
  private slots = new Int32Array(1024);
  private slotHashes = new Int32Array(1024);
  private mask = 1023;
  private lookups = 0;
  private hits = 0;
  /** False once the column turned out not to repeat. */
  private enabled = true;

  /** The id of `bytes[start, end)` whose FNV-1a hash is `hash`, kept on first sight; -1 when it is not kept (then decode it). */
  idOf(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const length = end - start;
    if (!this.enabled || length > MAX_KEPT_BYTES) return -1;
    const slots = this.slots;
    const slotHashes = this.slotHashes;
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot]!;
      if (entry === 0) break;
      if (slotHashes[slot] === hash) {
        const id = entry - 1;
        const from = this.starts[id]!;
        if (this.starts[id + 1]! - from === length && sameBytes(this.arena, from, bytes, start, length)) {
          this.hits++;
          this.lookups++;
          return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    if (++this.lookups === PROBE_LOOKUPS && this.hits * 2 < this.lookups) this.enabled = false;
    const id = this.strings.length;
    if (id >= MAX_ENTRIES) return -1;
    this.strings.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', start, end));
    this.keep(id, bytes, start, length);
    slots[slot] = id + 1;
    slotHashes[slot] = hash;
    if ((id + 1) * 2 > mask) this.grow();
    return id;
  }

  /** Copies string id's bytes into the arena (the chunk they came from is let go). */
  private keep(id: number, bytes: Uint8Array, start: number, length: number): void {
    const from = this.starts[id]!;
    if (from + length > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, from + length));
      arena.set(this.arena);
      this.arena = arena;
    }
    if (id + 2 > this.starts.length) {
      const starts = new Int32Array(this.starts.length * 2);
      starts.set(this.starts);
      this.starts = starts;
    }
    this.arena.set(bytes.subarray(start, start + length), from);
    this.starts[id + 1] = from + length;
  }

  private grow(): void {
    const size = this.slots.length * 2;
    const slots = new Int32Array(size);
    const slotHashes = new Int32Array(size);
    const mask = size - 1;
    const old = this.slots;
    for (let k = 0; k < old.length; k++) {
      const entry = old[k]!;
      if (entry === 0) continue;
      const hash = this.slotHashes[k]!;
      let slot = hash & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry;
      slotHashes[slot] = hash;
    }
    this.slots = slots;
    this.slotHashes = slotHashes;
    this.mask = mask;
  }
}

function sameBytes(arena: Uint8Array, from: number, bytes: Uint8Array, start: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (arena[from + k] !== bytes[start + k]) return false;
  return true;
}
