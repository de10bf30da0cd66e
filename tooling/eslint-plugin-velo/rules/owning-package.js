// Finds the workspace package a file belongs to, by the nearest package.json above it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** @typedef {{ readonly name: string, readonly shortName: string, readonly root: string }} OwningPackage */

const SCOPE = '@velots/';

/** @type {Map<string, OwningPackage | null>} */
const byDirectory = new Map();

/**
 * The `@velots/*` package whose folder holds `file`, or undefined for files outside every
 * package (root config files). Answers are cached per directory: lint visits many files per folder.
 * @param {string} file absolute path
 * @returns {OwningPackage | undefined}
 */
export function owningPackage(file) {
  return lookup(dirname(file)) ?? undefined;
}

/**
 * @param {string} directory
 * @returns {OwningPackage | null}
 */
function lookup(directory) {
  const cached = byDirectory.get(directory);
  if (cached !== undefined) return cached;
  /** @type {OwningPackage | null} */
  let found = null;
  const manifest = join(directory, 'package.json');
  if (existsSync(manifest)) {
    const name = readName(manifest);
    // The nearest package.json decides, even when it is not ours: a file of the root belongs to no package.
    found = name?.startsWith(SCOPE) ? { name, shortName: name.slice(SCOPE.length), root: directory } : null;
  } else {
    const parent = dirname(directory);
    found = parent === directory ? null : lookup(parent);
  }
  byDirectory.set(directory, found);
  return found;
}

/**
 * @param {string} manifest
 * @returns {string | undefined}
 */
function readName(manifest) {
  try {
    const parsed = JSON.parse(readFileSync(manifest, 'utf8'));
    return typeof parsed?.name === 'string' ? parsed.name : undefined;
  } catch {
    return undefined;
  }
}
