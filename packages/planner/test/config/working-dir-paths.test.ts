import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/index.js';

describe('config_file paths written from the working directory (Velostream runs apps from the project root)', () => {
  it('reads the YAML and its data path from the working directory when the .sql directory has neither', () => {
    const project = mkdtempSync(join(tmpdir(), 'velo-project-'));
    mkdirSync(join(project, 'configs'));
    mkdirSync(join(project, 'data'));
    writeFileSync(join(project, 'data', 'm.csv'), 'a\n1\n');
    const fromCwd = (p: string): string => relative(process.cwd(), join(project, p));
    writeFileSync(join(project, 'configs', 'src.yaml'), `data_source:\n  type: file\n  path: "${fromCwd('data/m.csv')}"\n`);
    const sqlDir = mkdtempSync(join(tmpdir(), 'velo-sql-dir-'));
    const config = loadConfigFile(fromCwd('configs/src.yaml'), { baseDir: sqlDir, env: {} });
    expect(config.file).toBe(join(project, 'configs', 'src.yaml'));
    expect(config.properties['path']).toBe(resolve(project, 'data', 'm.csv'));
  });
});
