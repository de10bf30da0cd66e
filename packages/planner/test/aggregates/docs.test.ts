import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderAggregateSection } from './aggregate-docs.js';

const DOCS = fileURLToPath(new URL('../../../../docs/functions.md', import.meta.url));
const HEADING = '## Aggregates\n';

/** The page without its Aggregates section, and the section (heading to end of page; '' when absent). */
function splitPage(page: string): [string, string] {
  const at = page.indexOf(HEADING);
  return at < 0 ? [page, ''] : [page.slice(0, at), page.slice(at)];
}

describe('docs/functions.md, Aggregates section', () => {
  it('matches the aggregate catalog (regenerate with UPDATE_FUNCTION_DOCS=1)', () => {
    const rendered = renderAggregateSection();
    const [before, section] = splitPage(readFileSync(DOCS, 'utf8'));
    if (process.env['UPDATE_FUNCTION_DOCS'] === '1') {
      writeFileSync(DOCS, `${before.trimEnd()}\n\n${rendered}`);
      return;
    }
    expect(section).toBe(rendered);
  });
});
