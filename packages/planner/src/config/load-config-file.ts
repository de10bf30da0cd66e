import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { isVeloError, type Schema } from '@velots/core';
import { substituteVariables } from '../plan/properties.js';
import { configError } from './config-error.js';
import { connectorPropertiesFromYaml } from './connector-keys.js';
import { loadMergedYaml, originOf, type MergedYaml } from './extends-chain.js';
import { dottedKey, flattenYaml, mapScalars, type FlatEntry } from './flatten.js';
import { declaredFields } from './schema-fields.js';
import type { YamlMapping, YamlPathSegment } from './yaml-tree.js';

/** A loaded `config_file`: connector properties, and the schema its `schema.fields` declare. */
export interface ConfigFile {
  /** The YAML file read (absolute). */
  readonly file: string;
  /** Connector properties (see `docs/connectors.md`, "config_file"); file paths are absolute. */
  readonly properties: Record<string, string>;
  /** The declared schema, or undefined when the YAML has no `schema.fields`. */
  readonly schema: Schema | undefined;
  /** Key columns: fields with `key: true`, else `table.primary_key`; empty when none is named. */
  readonly keyFields: string[];
  /** A field's `format` as written (Velostream timestamp patterns like `yyyy-MM-dd HH:mm:ss`), by field name. */
  readonly fieldFormats: Record<string, string>;
}

export interface LoadConfigFileOptions {
  /** The directory a relative config file path is read from: the `.sql` file's directory. */
  readonly baseDir: string;
  /** Variables for `${VAR}`, `${VAR:default}` and `${A|B:default}` in values. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The `.sql` key that named the file (`'trades.config_file'`), for error messages. */
  readonly referencedBy?: string | undefined;
}

const URI = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/**
 * Loads a Velostream `config_file`: reads the YAML, merges its `extends:` chain, substitutes variables,
 * flattens it to dotted keys and maps them to connector properties. Problems are CONFIG errors naming
 * the YAML file, line and column, and the `.sql` key.
 */
export function loadConfigFile(path: string, options: LoadConfigFileOptions): ConfigFile {
  const file = existingOrFromWorkingDir(resolve(options.baseDir, path), path);
  const merged = loadMergedYaml(file, options.referencedBy);
  const placeOf = (at: readonly YamlPathSegment[]) => originOf(merged, at)?.placeOf(at) ?? { file };
  const tree = mapScalars(merged.tree, (value, at) => substitute(value, at, merged, options), []) as YamlMapping;
  const flat = flattenYaml(tree);
  const depthOf = (entry: FlatEntry): number => {
    const origin = originOf(merged, entry.path);
    return origin === undefined ? 0 : merged.chain.indexOf(origin);
  };
  const properties = connectorPropertiesFromYaml(flat, depthOf, (entry) => resolvePathValue(entry, merged));
  const declared = declaredFields(tree, (at, problem, cause) =>
    configError(placeOf(at), problem, options.referencedBy, cause),
  );
  return {
    file,
    properties,
    schema: declared.schema,
    keyFields: declared.keyFields,
    fieldFormats: declared.fieldFormats,
  };
}

function substitute(
  value: string,
  at: readonly YamlPathSegment[],
  merged: MergedYaml,
  options: LoadConfigFileOptions,
): string {
  if (!value.includes('${')) return value;
  const key = dottedKey(at);
  try {
    return substituteVariables(value, options.env, key);
  } catch (error) {
    if (!isVeloError(error)) throw error;
    const place = originOf(merged, at)?.placeOf(at) ?? { file: merged.file };
    throw configError(place, error.message, options.referencedBy, error);
  }
}

/** A relative path is read from the directory of the YAML file that wrote it, which may be an ancestor. */
function resolvePathValue(entry: FlatEntry, merged: MergedYaml): string {
  if (entry.value === '' || URI.test(entry.value) || isAbsolute(entry.value)) return entry.value;
  const origin = originOf(merged, entry.path)?.file ?? merged.file;
  return existingOrFromWorkingDir(resolve(dirname(origin), entry.value), entry.value);
}

/**
 * `resolved`, unless it names nothing while `written` (relative) names a file from the working directory:
 * Velostream resolves config and data paths from where its apps run (the project root).
 */
function existingOrFromWorkingDir(resolved: string, written: string): string {
  if (isAbsolute(written) || existsSync(resolved)) return resolved;
  const fromWorkingDir = resolve(written);
  return existsSync(fromWorkingDir) ? fromWorkingDir : resolved;
}
