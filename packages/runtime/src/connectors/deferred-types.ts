/**
 * Connector types whose module is loaded only when an app uses one of them: a CLI registers `kafka_source` and
 * `kafka_sink` this way so that a run over files never loads (nor compiles) the Kafka client and the codecs it
 * brings, most of the bundled bin. The engine awaits `loadConnectorTypes` before it creates a connector.
 */
const loaders = new Map<string, () => Promise<void>>();
const loading = new Map<() => Promise<void>, Promise<void>>();

/** Declares types that `load` registers (with registerSourceType / registerSinkType) when first needed. */
export function registerDeferredConnectorTypes(types: readonly string[], load: () => Promise<void>): void {
  for (const type of types) loaders.set(type.toLowerCase(), load);
}

/** True while a type is declared deferred and its module not loaded yet. */
export function isDeferredConnectorType(type: string): boolean {
  return loaders.has(type.trim().toLowerCase());
}

/** Loads the modules of the deferred types among `types` (each module once); types already registered cost nothing. */
export async function loadConnectorTypes(types: Iterable<string>): Promise<void> {
  for (const type of types) {
    const key = type.trim().toLowerCase();
    const load = loaders.get(key);
    if (!load) continue;
    let pending = loading.get(load);
    if (!pending) loading.set(load, (pending = load()));
    await pending;
    for (const [declared, loader] of loaders) if (loader === load) loaders.delete(declared);
  }
}
