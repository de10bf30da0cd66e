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
  private readonly keyBytes: Uint8Array[] = [];
  private readonly keyHashes: number[] = [];
  /** Open-addressing table of id + 1 (0 = empty). */
  private slots = new Int32Array(1024);
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
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot]!;
      if (entry === 0) break;
      const id = entry - 1;
      if (this.keyHashes[id] === hash) {
        const key = this.keyBytes[id]!;
        if (key.length === length && sameBytes(key, bytes, start)) {
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
    this.keyBytes.push(new Uint8Array(bytes.subarray(start, end))); // a copy: the chunk is let go
    this.keyHashes.push(hash);
    slots[slot] = id + 1;
    if ((id + 1) * 2 > mask) this.grow();
    return id;
  }

  private grow(): void {
    const size = this.slots.length * 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let id = 0; id < this.strings.length; id++) {
      let slot = this.keyHashes[id]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function sameBytes(key: Uint8Array, bytes: Uint8Array, start: number): boolean {
  for (let i = 0; i < key.length; i++) if (key[i] !== bytes[start + i]) return false;
  return true;
}
