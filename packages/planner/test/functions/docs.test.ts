import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderFunctionReference } from './function-docs.js';

const DOCS = fileURLToPath(new URL('../../../../docs/functions.md', import.meta.url));

describe('docs/functions.md', () => {
  it('matches the function catalog (regenerate with UPDATE_FUNCTION_DOCS=1)', () => {
    const rendered = renderFunctionReference();
    if (process.env['UPDATE_FUNCTION_DOCS'] === '1') writeFileSync(DOCS, rendered);
    expect(readFileSync(DOCS, 'utf8')).toBe(rendered);
  });
});
