import type { Statement } from '@velots/sql-parser';

/** For each statement, the names that statements after it read in FROM (to allow sink-less intermediate streams). */
export function namesReadAfter(statements: readonly Statement[]): Map<Statement, Set<string>> {
  const out = new Map<Statement, Set<string>>();
  const seen = new Set<string>();
  for (let i = statements.length - 1; i >= 0; i--) {
    const statement = statements[i]!;
    out.set(statement, new Set(seen));
    const query = 'query' in statement ? statement.query : undefined;
    const from = query?.from?.source;
    if (from?.kind === 'NamedRelation') seen.add(from.name);
    for (const join of query?.joins ?? []) if (join.source.kind === 'NamedRelation') seen.add(join.source.name);
  }
  return out;
}
