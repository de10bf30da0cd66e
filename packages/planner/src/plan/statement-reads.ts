import type { Select, Statement } from '@velots/sql-parser';
import { selectsWithin } from './subquery-planner.js';

/** The SELECT a statement runs, if any (a job's body included). */
function queryOf(statement: Statement): Select | undefined {
  if (statement.kind === 'StartJob' || statement.kind === 'DeployJob') return statement.body.query;
  if (statement.kind === 'ExplainStatement') return queryOf(statement.statement);
  return 'query' in statement ? statement.query : undefined;
}

/** For each statement, the names that statements after it read in FROM (to allow sink-less intermediate streams). */
export function namesReadAfter(statements: readonly Statement[]): Map<Statement, Set<string>> {
  const out = new Map<Statement, Set<string>>();
  const seen = new Set<string>();
  for (let i = statements.length - 1; i >= 0; i--) {
    const statement = statements[i]!;
    out.set(statement, new Set(seen));
    const query = queryOf(statement);
    for (const select of query ? selectsWithin(query) : []) {
      for (const relation of [select.from?.source, ...select.joins.map((j) => j.source)]) {
        if (relation?.kind === 'NamedRelation') seen.add(relation.name);
      }
    }
  }
  return out;
}
