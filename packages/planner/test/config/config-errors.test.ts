import { ErrorCodes, VeloError } from '@velots/core';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/index.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const at = (file: string) => join(fixtures, file);

/** The CONFIG error loading `file` throws, referenced from the `.sql` key `trades.config_file`. */
function errorOf(file: string, referencedBy: string | null = 'trades.config_file'): VeloError {
  try {
    loadConfigFile(file, { baseDir: fixtures, env: {}, referencedBy: referencedBy ?? undefined });
  } catch (error) {
    expect(error).toBeInstanceOf(VeloError);
    expect((error as VeloError).code).toBe(ErrorCodes.CONFIG);
    return error as VeloError;
  }
  throw new Error(`${file} loaded without an error`);
}

describe('loadConfigFile errors name the YAML file, its line and column, and the .sql key', () => {
  it('a missing config file', () => {
    expect(errorOf('errors/no_such_file.yaml').message).toBe(
      `${at('errors/no_such_file.yaml')}: config file does not exist (config_file of 'trades.config_file')`,
    );
  });

  it('bad indentation, with the line and column the yaml parser reports', () => {
    const error = errorOf('errors/bad_indent.yaml');
    expect(error.message).toBe(
      `${at('errors/bad_indent.yaml')}:4:21: invalid YAML: All mapping items must start at the same column (config_file of 'trades.config_file')`,
    );
    expect(error.details).toEqual({
      configFile: at('errors/bad_indent.yaml'),
      line: 4,
      column: 21,
      referencedBy: 'trades.config_file',
    });
  });

  it('an unclosed flow list', () => {
    expect(errorOf('errors/unclosed_list.yaml').message).toBe(
      `${at('errors/unclosed_list.yaml')}:4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] (config_file of 'trades.config_file')`,
    );
  });

  it('a key written twice', () => {
    expect(errorOf('errors/duplicate_key.yaml').message).toBe(
      `${at('errors/duplicate_key.yaml')}:3:1: invalid YAML: Map keys must be unique (config_file of 'trades.config_file')`,
    );
  });

  it('a document that is a list, not a mapping', () => {
    expect(errorOf('errors/top_level_list.yaml').message).toBe(
      `${at('errors/top_level_list.yaml')}:1:1: the top level must be a mapping of keys to values (config_file of 'trades.config_file')`,
    );
  });

  it('bad YAML in a file reached through extends names that file', () => {
    expect(errorOf('errors/extends_bad_base.yaml').message).toBe(
      `${at('errors/bad_indent.yaml')}:4:21: invalid YAML: All mapping items must start at the same column (config_file of 'trades.config_file')`,
    );
  });

  it('an extends target that does not exist, at the extends value', () => {
    expect(errorOf('errors/extends_missing.yaml').message).toBe(
      `${at('errors/extends_missing.yaml')}:1:10: extends file ${at('errors/no_such_base.yaml')} does not exist (config_file of 'trades.config_file')`,
    );
  });

  it('an extends cycle names the whole chain', () => {
    expect(errorOf('cycle/a.yaml').message).toBe(
      `${at('cycle/c.yaml')}:1:10: extends cycle: ${at('cycle/a.yaml')} → ${at('cycle/b.yaml')} → ${at('cycle/c.yaml')} → ${at('cycle/b.yaml')} (config_file of 'trades.config_file')`,
    );
    expect(errorOf('cycle/self.yaml').message).toBe(
      `${at('cycle/self.yaml')}:1:10: extends cycle: ${at('cycle/self.yaml')} → ${at('cycle/self.yaml')} (config_file of 'trades.config_file')`,
    );
  });

  it('an unknown field type, at the type value', () => {
    expect(errorOf('errors/unknown_type.yaml').message).toBe(
      `${at('errors/unknown_type.yaml')}:6:13: schema field 'price' has unknown type 'money' ` +
        '(known: bigint, bool, boolean, bytes, date, decimal, double, float, int, integer, long, string, text, time, timestamp, varchar) ' +
        "(config_file of 'trades.config_file')",
    );
  });

  it('a decimal precision out of range, at the precision value', () => {
    expect(errorOf('errors/bad_precision.yaml').message).toBe(
      `${at('errors/bad_precision.yaml')}:4:13: schema field 'amount': DECIMAL precision must be 1..38, got 60 (config_file of 'trades.config_file')`,
    );
  });

  it('a nullable that is not a boolean', () => {
    expect(errorOf('errors/bad_nullable.yaml').message).toBe(
      `${at('errors/bad_nullable.yaml')}:5:17: schema field 'symbol': 'nullable' must be true or false (config_file of 'trades.config_file')`,
    );
  });

  it('an unset variable without a default, at the value that uses it', () => {
    expect(errorOf('errors/unset_variable.yaml').message).toBe(
      `${at('errors/unset_variable.yaml')}:3:24: property 'datasource.consumer_config.bootstrap.servers': ` +
        "environment variable VELO_TEST_UNSET_BROKERS is not set and has no default (config_file of 'trades.config_file')",
    );
  });

  it('without referencedBy, the message ends with the problem', () => {
    expect(errorOf('errors/top_level_list.yaml', null).message).toBe(
      `${at('errors/top_level_list.yaml')}:1:1: the top level must be a mapping of keys to values`,
    );
  });
});
