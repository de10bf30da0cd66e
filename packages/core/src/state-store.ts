/**
 * Keyed operator state (group aggregates, window buffers, join sides, CTAS tables). Keys are the
 * canonical string encoding of a group/join key. Reads and writes are synchronous so operators stay
 * allocation-light in the hot path; persistence happens at checkpoints through snapshot/restore.
 */
export interface StateStore<V> {
  readonly name: string;
  get(key: string): V | undefined;
  put(key: string, value: V): void;
  delete(key: string): boolean;
  has(key: string): boolean;
  /** Number of keys held, for the state size metric. */
  readonly size: number;
  entries(): IterableIterator<[string, V]>;
  clear(): void;
  /** A serialisable copy of the whole store, taken at a checkpoint barrier. */
  snapshot(): StateSnapshot<V>;
  /** Replaces the contents with a snapshot taken earlier. */
  restore(snapshot: StateSnapshot<V>): void;
}

export interface StateSnapshot<V> {
  readonly store: string;
  readonly entries: readonly (readonly [string, V])[];
}

/** Creates stores by name; a job asks once per operator. */
export interface StateStoreFactory {
  create<V>(name: string): StateStore<V>;
}
