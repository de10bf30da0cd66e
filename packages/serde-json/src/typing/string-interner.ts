/** Longest field (in bytes) the interner looks up; longer fields are decoded as they are. */
export const MAX_INTERNED_BYTES = 64;
/** Distinct strings kept at most; once full, new text is sliced (the table keeps what it has). */
const MAX_ENTRIES = 1 << 16;
/** Lookups after which the hit rate is checked: a column of mostly distinct values (ids) stops interning. */
const PROBE_LOOKUPS = 8192;

/**
 * Returns one string object per distinct short UTF-8 byte span, so a column of repeated values (station
 * names, symbols, sides) yields equal keys that are the same object: no decode per value, no reference into
 * the chunk, and Map lookups hit the string's cached hash. Open addressing over a power-of-two table keyed
 * by an FNV-1a hash of the bytes; the bytes are compared with the key's bytes only on a hash match. Strings
 * are decoded as Buffer's UTF-8 decoder does (invalid sequences become U+FFFD), so interning never changes a value.
 */
export class StringInterner {
  private keys: (string | undefined)[] = new Array<string | undefined>(1024);
  /** The UTF-8 bytes of each key, at the same slot. */
  private keyBytes: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(1024);
  private hashes = new Int32Array(1024);
  private mask = 1023;
  private size = 0;
  private lookups = 0;
  private hits = 0;
  /** False once the column turned out not to repeat: then `intern` only slices. */
  private enabled = true;

  /** The string of `bytes[start, end)` (UTF-8): the interned object when one is kept, else a fresh decode. */
  intern(bytes: Buffer, start: number, end: number): string {
    const length = end - start;
    if (!this.enabled || length > MAX_INTERNED_BYTES) return bytes.toString('utf8', start, end);
    let hash = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const key = this.keyBytes[slot];
      if (key === undefined) break;
      if (this.hashes[slot] === hash && key.length === length && sameBytes(key, bytes, start)) {
        this.hits++;
        this.lookups++;
        return this.keys[slot] as string;
      }
      slot = (slot + 1) & mask;
    }
    if (++this.lookups === PROBE_LOOKUPS && this.hits * 2 < this.lookups) this.enabled = false;
    // A decode is a fresh string: it shares no storage with the chunk.
    const fresh = bytes.toString('utf8', start, end);
    if (this.size >= MAX_ENTRIES) return fresh;
    this.keys[slot] = fresh;
    this.keyBytes[slot] = new Uint8Array(bytes.subarray(start, end));
    this.hashes[slot] = hash;
    if (++this.size * 2 > mask) this.grow();
    return fresh;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldKeyBytes = this.keyBytes;
    const oldHashes = this.hashes;
    const capacity = oldKeys.length * 2;
    this.keys = new Array<string | undefined>(capacity);
    this.keyBytes = new Array<Uint8Array | undefined>(capacity);
    this.hashes = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i];
      if (key === undefined) continue;
      const hash = oldHashes[i] as number;
      let slot = hash & this.mask;
      while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.keyBytes[slot] = oldKeyBytes[i];
      this.hashes[slot] = hash;
    }
  }
}

function sameBytes(key: Uint8Array, bytes: Uint8Array, start: number): boolean {
  for (let i = 0; i < key.length; i++) if (key[i] !== bytes[start + i]) return false;
  return true;
}
