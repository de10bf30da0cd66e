/** Longest field (in chars) the interner looks up; longer text is sliced as it is. */
export const MAX_INTERNED_CHARS = 32;
/** Distinct strings kept at most; once full, new text is sliced (the table keeps what it has). */
const MAX_ENTRIES = 1 << 16;
/** Lookups after which the hit rate is checked: a column of mostly distinct values (ids) stops interning. */
const PROBE_LOOKUPS = 8192;

/**
 * Returns one string object per distinct short text, so a column of repeated values (station names,
 * symbols, sides) yields equal keys that are the same object: no slice per value, no reference into the
 * chunk's text (a slice of it would keep the whole chunk alive in state), and Map lookups hit the string's
 * cached hash. Open addressing over a power-of-two table keyed by an FNV-1a hash of the chars; the text is
 * compared char by char only on a hash match.
 */
export class StringInterner {
  private keys: (string | undefined)[] = new Array<string | undefined>(1024);
  private hashes = new Int32Array(1024);
  private mask = 1023;
  private size = 0;
  private lookups = 0;
  private hits = 0;
  /** False once the column turned out not to repeat: then `intern` only slices. */
  private enabled = true;

  /** The string of `text[start, end)`: the interned object when one is kept, else a fresh slice. */
  intern(text: string, start: number, end: number): string {
    const length = end - start;
    if (!this.enabled || length > MAX_INTERNED_CHARS) return text.slice(start, end);
    let hash = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const key = this.keys[slot];
      if (key === undefined) break;
      if (this.hashes[slot] === hash && key.length === length && sameChars(key, text, start)) {
        this.hits++;
        this.lookups++;
        return key;
      }
      slot = (slot + 1) & mask;
    }
    if (++this.lookups === PROBE_LOOKUPS && this.hits * 2 < this.lookups) this.enabled = false;
    // A flat copy, not a view of the chunk's text.
    const fresh = flatCopy(text.slice(start, end));
    if (this.size >= MAX_ENTRIES) return fresh;
    this.keys[slot] = fresh;
    this.hashes[slot] = hash;
    if (++this.size * 2 > mask) this.grow();
    return fresh;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldHashes = this.hashes;
    const capacity = oldKeys.length * 2;
    this.keys = new Array<string | undefined>(capacity);
    this.hashes = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i];
      if (key === undefined) continue;
      const hash = oldHashes[i] as number;
      let slot = hash & this.mask;
      while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.hashes[slot] = hash;
    }
  }
}

function sameChars(key: string, text: string, start: number): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/** A string that shares no storage with the text it was sliced from. */
function flatCopy(text: string): string {
  return text.length === 0 ? '' : JSON.parse(JSON.stringify(text)) as string;
}
