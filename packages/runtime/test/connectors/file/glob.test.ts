import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandFilePattern } from '../../../src/connectors/file/glob.js';

describe('expandFilePattern', () => {
  it('resolves a relative path against the base directory, and lists glob matches sorted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'velo-glob-'));
    mkdirSync(join(dir, 'in'));
    for (const name of ['b.csv', 'a.csv', 'c.txt']) writeFileSync(join(dir, 'in', name), 'x\n');
    expect(await expandFilePattern('in/a.csv', dir)).toEqual([join(dir, 'in', 'a.csv')]);
    expect(await expandFilePattern('in/*.csv', dir)).toEqual([join(dir, 'in', 'a.csv'), join(dir, 'in', 'b.csv')]);
  });

  it('falls back to the working directory for a plain relative path that names no file under the base (as Velostream resolves it)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'velo-glob-'));
    // package.json exists in the working directory the tests run in, not in the empty base directory.
    expect(await expandFilePattern('package.json', empty)).toEqual([resolve('package.json')]);
    // A path found nowhere stays under the base directory (the source then says it is not found there).
    expect(await expandFilePattern('missing.csv', empty)).toEqual([join(empty, 'missing.csv')]);
  });
});
