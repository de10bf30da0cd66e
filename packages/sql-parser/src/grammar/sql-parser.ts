/**
 * The statement half of the grammar: SELECT with its clauses in any order (§2), CREATE / INSERT /
 * DROP / SHOW / DESCRIBE / EXPLAIN and the job statements (§1). One instance is reused for every parse.
 */
import type { IToken } from 'chevrotain';
import type {
  ColumnDef,
  DeployStrategy,
  JobBody,
  JobWord,
  NamedWindow,
  Expression,
  FromClause,
  Identifier,
  JoinClause,
  JoinType,
  LimitClause,
  OrderByItem,
  Property,
  Relation,
  Select,
  SelectItem,
  ShowSubject,
  Span,
  Statement,
  StatementAnnotations,
  Target,
  UnionClause,
  WindowClause,
  WindowSpec,
  DurationExpr,
} from '../ast.js';
import * as T from './tokens.js';
import { ExpressionParser } from './expression-parser.js';
import { unquoteString, numericKindOf } from './literals.js';
import { joinSpans, list, node, spanOf } from './spans.js';
import { buildWindow, durationMs, type WindowKeyword } from './windows.js';
import { inlineCtes, type CommonTableExpression } from './ctes.js';

const { K } = T;

/** Statement annotations before the annotation pass fills them in. */
export const EMPTY_STATEMENT_ANNOTATIONS: StatementAnnotations = node({
  observability: node({}),
  metrics: list([]),
  properties: list([]),
  raw: list([]),
});

const SHOW_SUBJECTS: ReadonlySet<string> = new Set([
  'STREAMS', 'TABLES', 'TOPICS', 'FUNCTIONS', 'JOBS', 'STATUS', 'METRICS', 'VERSIONS', 'SCHEMA', 'PARTITIONS', 'PROPERTIES',
]);

type SelectClauseName = 'FROM' | 'WHERE' | 'GROUP BY' | 'WINDOW' | 'WINDOW … AS' | 'HAVING' | 'ORDER BY' | 'LIMIT' | 'EMIT' | 'INTO' | 'WITH';

export class SqlParser extends ExpressionParser {
  constructor() {
    super();
    this.performSelfAnalysis();
  }

  /** Resets the input and the per-parse state. */
  load(tokens: IToken[], source: string): void {
    this.source = source;
    this.semanticErrors = [];
    this.input = tokens;
  }

  private textOf(span: Span): string {
    return this.source.slice(span.offset, span.endOffset);
  }

  /** Common statement fields: span from `start`, the source text, empty annotations. */
  private meta(start: IToken): { span: Span; text: string; annotations: StatementAnnotations } {
    const span = this.spanFrom(start);
    return { span, text: this.textOf(span), annotations: EMPTY_STATEMENT_ANNOTATIONS };
  }

  /** A name may follow without AS unless the word starts a clause (`WINDOW TUMBLING`, `EMIT CHANGES`, `PRIMARY KEY`). */
  private canBeImplicitAlias(): boolean {
    if (!this.is(1, T.Name)) return false;
    if (this.is(1, K.WINDOW)) return !(this.startsGroupWindow() || this.startsNamedWindows());
    if (this.is(1, K.CROSS)) return !this.is(2, K.JOIN);
    if (this.is(1, K.EMIT)) return !(this.is(2, K.CHANGES) || this.is(2, K.FINAL));
    if (this.is(1, K.PRIMARY)) return !this.is(2, K.KEY);
    if (this.is(1, K.WITHIN)) return false;
    if (this.is(1, K.STRATEGY)) return !this.is(2, T.Name);
    return true;
  }

  /** `WINDOW TUMBLING|SLIDING|HOPPING|SESSION (…)`: the streaming window clause. */
  private startsGroupWindow(): boolean {
    return this.is(2, K.TUMBLING) || this.is(2, K.SLIDING) || this.is(2, K.HOPPING) || this.is(2, K.SESSION);
  }

  /** `WINDOW w AS (…)`: named analytic windows (the same keyword, told apart by the AS). */
  private startsNamedWindows(): boolean {
    return this.is(2, T.Name) && this.is(3, K.AS);
  }

  readonly statement = this.RULE('statement', (): Statement =>
    this.OR([
      { ALT: () => this.SUBRULE(this.selectStatement) },
      { ALT: () => this.SUBRULE(this.createStatement) },
      { ALT: () => this.SUBRULE(this.insertStatement) },
      { ALT: () => this.SUBRULE(this.dropStatement) },
      { ALT: () => this.SUBRULE(this.showStatement) },
      { ALT: () => this.SUBRULE(this.describeStatement) },
      { ALT: () => this.SUBRULE(this.explainStatement) },
      { ALT: () => this.SUBRULE(this.jobStatement) },
    ]),
  );

  /** Entry for `parseExpression`: one expression and nothing after it. */
  readonly standaloneExpression = this.RULE('standaloneExpression', (): Expression => this.SUBRULE(this.expression));

  private readonly selectStatement = this.RULE('selectStatement', (): Statement => {
    const start = this.LA(1);
    const query = this.SUBRULE(this.query);
    return this.ACTION(() => node({ kind: 'SelectStatement', ...this.meta(start), query }));
  });

  private readonly createStatement = this.RULE('createStatement', (): Statement => {
    const start = this.CONSUME(K.CREATE);
    let orReplace = false;
    let ifNotExists = false;
    this.OPTION(() => {
      this.CONSUME(K.OR);
      this.CONSUME(K.REPLACE);
      orReplace = true;
    });
    const what = this.OR([{ ALT: () => this.CONSUME(K.STREAM) }, { ALT: () => this.CONSUME(K.TABLE) }]);
    this.OPTION2({
      GATE: () => this.is(2, K.NOT),
      DEF: () => {
        this.CONSUME(K.IF);
        this.CONSUME(K.NOT);
        this.CONSUME(K.EXISTS);
        ifNotExists = true;
      },
    });
    const name = this.SUBRULE(this.name);
    let columns: { columns: ColumnDef[]; primaryKey: Identifier[] } | undefined;
    this.OPTION3(() => {
      columns = this.SUBRULE(this.columnDefinitions);
    });
    const isTable = (): boolean => what.tokenType === K.TABLE;
    return this.OR2([
      {
        ALT: () => {
          this.CONSUME(K.AS);
          const query = this.SUBRULE(this.query);
          return this.ACTION((): Statement => {
            const base = { ...this.meta(start), name, orReplace, ifNotExists, columns: columns && list(columns.columns), query };
            if (columns && columns.primaryKey.length > columns.columns.filter((c) => c.primaryKey).length) {
              this.report('a CREATE … AS SELECT marks its key with PRIMARY KEY in the select list, not in the column list', base.span);
            }
            return isTable() ? node({ kind: 'CreateTableAs', ...base }) : node({ kind: 'CreateStreamAs', ...base });
          });
        },
      },
      {
        ALT: () => {
          let props: Property[] = [];
          this.OPTION4(() => {
            props = this.SUBRULE(this.withProperties);
          });
          return this.ACTION((): Statement => {
            const meta = this.meta(start);
            if (columns === undefined) {
              this.report(`CREATE ${isTable() ? 'TABLE' : 'STREAM'} needs a column list or AS SELECT`, meta.span);
            }
            const base = {
              ...meta,
              name,
              orReplace,
              ifNotExists,
              columns: list(columns?.columns ?? []),
              primaryKey: list(columns?.primaryKey ?? []),
              with: list(props),
            };
            return isTable() ? node({ kind: 'CreateTable', ...base }) : node({ kind: 'CreateStream', ...base });
          });
        },
      },
    ]);
  });

  /** `(col TYPE [NOT NULL] [PRIMARY KEY], …, [PRIMARY KEY (a, b)])`. */
  private readonly columnDefinitions = this.RULE('columnDefinitions', (): { columns: ColumnDef[]; primaryKey: Identifier[] } => {
    const columns: ColumnDef[] = [];
    const primaryKey: Identifier[] = [];
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            {
              GATE: () => this.is(1, K.PRIMARY) && this.is(2, K.KEY) && this.is(3, T.LParen),
              ALT: () => {
                this.CONSUME(K.PRIMARY);
                this.CONSUME(K.KEY);
                this.CONSUME2(T.LParen);
                this.AT_LEAST_ONE_SEP2({ SEP: T.Comma, DEF: () => { const key = this.SUBRULE(this.name); this.ACTION(() => primaryKey.push(key)); } });
                this.CONSUME2(T.RParen);
              },
            },
            {
              ALT: () => {
                const def = this.SUBRULE(this.columnDef);
                this.ACTION(() => {
                  columns.push(def);
                  if (def.primaryKey) primaryKey.push(def.name);
                });
              },
            },
          ],
        });
      },
    });
    this.CONSUME(T.RParen);
    return { columns, primaryKey };
  });

  private readonly columnDef = this.RULE('columnDef', (): ColumnDef => {
    const name = this.SUBRULE(this.name);
    const type = this.SUBRULE(this.typeRef);
    let notNull = false;
    let primaryKey = false;
    this.OPTION(() => {
      this.CONSUME(K.NOT);
      this.CONSUME(K.NULL);
      notNull = true;
    });
    this.OPTION2(() => {
      this.CONSUME(K.PRIMARY);
      this.CONSUME(K.KEY);
      primaryKey = true;
    });
    return this.ACTION(() => node({ kind: 'ColumnDef', span: spanOf(this.tokenAt(name.span.offset), this.LA(0)), name, type, notNull, primaryKey }));
  });

  /** The token that starts at `offset` among the consumed ones (for spans of nodes built from sub-rules). */
  private tokenAt(offset: number): IToken {
    for (let i = 0; ; i--) {
      const t = this.LA(i);
      if (t.startOffset <= offset || Number.isNaN(t.startOffset)) return t;
    }
  }

  private readonly insertStatement = this.RULE('insertStatement', (): Statement => {
    const start = this.CONSUME(K.INSERT);
    this.CONSUME(K.INTO);
    const target = this.SUBRULE(this.target);
    let columns: Identifier[] | undefined;
    this.OPTION({
      GATE: () => !this.is(2, K.SELECT),
      DEF: () => {
        this.CONSUME(T.LParen);
        columns = [];
        this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { const c = this.SUBRULE(this.name); this.ACTION(() => columns?.push(c)); } });
        this.CONSUME(T.RParen);
      },
    });
    const query = this.SUBRULE(this.query);
    return this.ACTION(() => node({ kind: 'InsertInto', ...this.meta(start), target, columns: columns && list(columns), query }));
  });

  private readonly dropStatement = this.RULE('dropStatement', (): Statement => {
    const start = this.CONSUME(K.DROP);
    const what = this.OR([{ ALT: () => this.CONSUME(K.STREAM) }, { ALT: () => this.CONSUME(K.TABLE) }]);
    let ifExists = false;
    this.OPTION({
      GATE: () => this.is(2, K.EXISTS),
      DEF: () => {
        this.CONSUME(K.IF);
        this.CONSUME(K.EXISTS);
        ifExists = true;
      },
    });
    const name = this.SUBRULE(this.name);
    return this.ACTION(() =>
      node({ kind: 'DropStatement', ...this.meta(start), objectType: what.tokenType === K.TABLE ? 'TABLE' : 'STREAM', name, ifExists }),
    );
  });

  private readonly showStatement = this.RULE('showStatement', (): Statement => {
    const verb = this.OR([{ ALT: () => this.CONSUME(K.SHOW) }, { ALT: () => this.CONSUME(K.LIST) }]);
    const subjectToken = this.CONSUME(T.Name);
    let targetType: 'STREAM' | 'TABLE' | 'JOB' | undefined;
    let target: Identifier | undefined;
    let pattern: string | undefined;
    this.OPTION({
      GATE: () => (this.is(1, K.STREAM) || this.is(1, K.TABLE) || this.is(1, K.JOB)) && this.is(2, T.Name),
      DEF: () => {
        const t = this.CONSUME2(T.Name);
        this.ACTION(() => { targetType = t.image.toUpperCase() as 'STREAM' | 'TABLE' | 'JOB'; });
      },
    });
    this.OPTION2(() => {
      target = this.SUBRULE(this.name);
    });
    this.OPTION3(() => {
      this.OPTION4(() => this.CONSUME(K.LIKE));
      const p = this.CONSUME(T.StringLiteral);
      this.ACTION(() => { pattern = unquoteString(p.image); });
    });
    return this.ACTION(() => {
      const subject = subjectToken.image.toUpperCase();
      if (!SHOW_SUBJECTS.has(subject)) {
        this.report(`expected ${[...SHOW_SUBJECTS].join(', ')} after ${verb.image.toUpperCase()} but found '${subjectToken.image}'`, spanOf(subjectToken));
      }
      return node({
        kind: 'ShowStatement',
        ...this.meta(verb),
        verb: verb.tokenType === K.LIST ? 'LIST' : 'SHOW',
        subject: subject as ShowSubject,
        targetType,
        target,
        pattern,
      });
    });
  });

  private readonly describeStatement = this.RULE('describeStatement', (): Statement => {
    const start = this.CONSUME(K.DESCRIBE);
    let objectType: 'STREAM' | 'TABLE' | undefined;
    this.OPTION({
      GATE: () => this.is(2, T.Name),
      DEF: () => {
        this.OR([
          { ALT: () => { this.CONSUME(K.STREAM); objectType = 'STREAM'; } },
          { ALT: () => { this.CONSUME(K.TABLE); objectType = 'TABLE'; } },
        ]);
      },
    });
    const name = this.SUBRULE(this.name);
    return this.ACTION(() => node({ kind: 'DescribeStatement', ...this.meta(start), name, objectType }));
  });

  private readonly explainStatement = this.RULE('explainStatement', (): Statement => {
    const start = this.CONSUME(K.EXPLAIN);
    const statement = this.SUBRULE(this.statement);
    return this.ACTION(() => node({ kind: 'ExplainStatement', ...this.meta(start), statement }));
  });

  /** `JOB`, or its Velostream synonym `QUERY`. */
  private readonly jobWord = this.RULE('jobWord', (): JobWord =>
    this.OR([
      { ALT: () => { this.CONSUME(K.JOB); return 'JOB' as const; } },
      { ALT: () => { this.CONSUME(K.QUERY); return 'QUERY' as const; } },
    ]),
  );

  /** What START and DEPLOY run: a SELECT or a CREATE STREAM|TABLE … AS SELECT. */
  private readonly jobBody = this.RULE('jobBody', (): JobBody =>
    this.OR([
      { ALT: () => this.SUBRULE(this.selectStatement) as JobBody },
      {
        ALT: () => {
          const created = this.SUBRULE(this.createStatement);
          return this.ACTION((): JobBody => {
            if (created.kind === 'CreateStreamAs' || created.kind === 'CreateTableAs') return created;
            this.report('a job runs a SELECT or a CREATE STREAM|TABLE … AS SELECT, not a source declaration', created.span);
            return node({ kind: 'SelectStatement', span: created.span, text: created.text, annotations: created.annotations, query: emptySelect(created.span) });
          });
        },
      },
    ]),
  );

  private readonly jobStatement = this.RULE('jobStatement', (): Statement =>
    this.OR([
      {
        ALT: () => {
          const start = this.CONSUME(K.START);
          const jobWord = this.SUBRULE(this.jobWord);
          const name = this.SUBRULE(this.name);
          this.CONSUME(K.AS);
          const body = this.SUBRULE(this.jobBody);
          return this.ACTION((): Statement => node({ kind: 'StartJob', ...this.meta(start), jobWord, name, body }));
        },
      },
      {
        ALT: () => {
          const start = this.CONSUME(K.STOP);
          const jobWord = this.SUBRULE2(this.jobWord);
          const name = this.SUBRULE2(this.name);
          let force = false;
          this.OPTION(() => { this.CONSUME(K.FORCE); force = true; });
          return this.ACTION((): Statement => node({ kind: 'StopJob', ...this.meta(start), jobWord, name, force }));
        },
      },
      {
        ALT: () => {
          const start = this.CONSUME(K.PAUSE);
          const jobWord = this.SUBRULE3(this.jobWord);
          const name = this.SUBRULE3(this.name);
          return this.ACTION((): Statement => node({ kind: 'PauseJob', ...this.meta(start), jobWord, name }));
        },
      },
      {
        ALT: () => {
          const start = this.CONSUME(K.RESUME);
          const jobWord = this.SUBRULE4(this.jobWord);
          const name = this.SUBRULE4(this.name);
          return this.ACTION((): Statement => node({ kind: 'ResumeJob', ...this.meta(start), jobWord, name }));
        },
      },
      {
        ALT: () => {
          const start = this.CONSUME(K.DEPLOY);
          const jobWord = this.SUBRULE5(this.jobWord);
          const name = this.SUBRULE5(this.name);
          this.CONSUME(K.VERSION);
          const version = this.CONSUME(T.StringLiteral);
          this.CONSUME2(K.AS);
          const body = this.SUBRULE2(this.jobBody);
          let strategy: DeployStrategy | undefined;
          this.OPTION2(() => {
            this.CONSUME(K.STRATEGY);
            strategy = this.SUBRULE(this.deployStrategy);
          });
          return this.ACTION((): Statement =>
            node({ kind: 'DeployJob', ...this.meta(start), jobWord, name, version: unquoteString(version.image), body, strategy }),
          );
        },
      },
      {
        ALT: () => {
          const start = this.CONSUME(K.ROLLBACK);
          const jobWord = this.SUBRULE6(this.jobWord);
          const name = this.SUBRULE6(this.name);
          let version: string | undefined;
          this.OPTION3(() => {
            this.CONSUME2(K.VERSION);
            const v = this.CONSUME2(T.StringLiteral);
            this.ACTION(() => { version = unquoteString(v.image); });
          });
          return this.ACTION((): Statement => node({ kind: 'RollbackJob', ...this.meta(start), jobWord, name, version }));
        },
      },
    ]),
  );

  private readonly deployStrategy = this.RULE('deployStrategy', (): DeployStrategy => {
    const word = this.CONSUME(T.Name);
    let percentage: number | undefined;
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      const n = this.CONSUME(T.NumberLiteral);
      this.CONSUME(T.RParen);
      this.ACTION(() => { percentage = Number(n.image); });
    });
    return this.ACTION((): DeployStrategy => {
      const upper = word.image.toUpperCase();
      if (upper === 'CANARY') {
        if (percentage === undefined) this.report('CANARY takes a percentage: CANARY(10)', spanOf(word));
        return node({ kind: 'CANARY', percentage: percentage ?? 0 });
      }
      if (upper === 'BLUE_GREEN' || upper === 'ROLLING' || upper === 'REPLACE') {
        if (percentage !== undefined) this.report(`${upper} takes no parameter`, spanOf(word));
        return node({ kind: upper });
      }
      this.report(`expected BLUE_GREEN, CANARY(pct), ROLLING or REPLACE but found '${word.image}'`, spanOf(word));
      return node({ kind: 'REPLACE' });
    });
  });

  // ───────────────────────────── SELECT ─────────────────────────────

  /** A SELECT, optionally after `WITH name AS (SELECT …), …` (common table expressions, inlined as derived tables). */
  readonly query = this.RULE('query', (): Select => {
    const ctes: CommonTableExpression[] = [];
    this.OPTION(() => {
      this.CONSUME(K.WITH);
      this.AT_LEAST_ONE_SEP({
        SEP: T.Comma,
        DEF: () => {
          const name = this.SUBRULE(this.name);
          this.CONSUME(K.AS);
          this.CONSUME(T.LParen);
          const body = this.SUBRULE(this.query);
          this.CONSUME(T.RParen);
          this.ACTION(() => ctes.push({ name, query: body }));
        },
      });
    });
    const select = this.SUBRULE(this.plainQuery);
    return this.ACTION(() => (ctes.length === 0 ? select : inlineCtes(select, ctes)));
  });

  private readonly plainQuery = this.RULE('plainQuery', (): Select => {
    const start = this.CONSUME(K.SELECT);
    let distinct = false;
    this.OPTION(() => {
      this.OR([
        { ALT: () => { this.CONSUME(K.DISTINCT); distinct = true; } },
        { ALT: () => { this.CONSUME(K.ALL); } },
      ]);
    });
    const items: SelectItem[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { const item = this.SUBRULE(this.selectItem); this.ACTION(() => items.push(item)); } });
    const seen = new Map<SelectClauseName, Span>();
    const once = (clause: SelectClauseName, keyword: IToken): void => {
      this.ACTION(() => {
        const span = spanOf(keyword);
        if (seen.has(clause)) this.report(`${clause} is written twice in one SELECT`, span);
        seen.set(clause, span);
      });
    };
    let from: FromClause | undefined;
    const joins: JoinClause[] = [];
    let where: Expression | undefined;
    let groupBy: Expression[] = [];
    let window: WindowClause | undefined;
    let having: Expression | undefined;
    let namedWindows: NamedWindow[] = [];
    let orderBy: OrderByItem[] = [];
    let limit: LimitClause | undefined;
    let emit: 'CHANGES' | 'FINAL' | undefined;
    let into: Target | undefined;
    let withProps: Property[] = [];
    this.MANY(() => {
      this.OR2([
        { ALT: () => { const k = this.CONSUME(K.FROM); once('FROM', k); from = this.SUBRULE(this.fromClause); } },
        {
          ALT: () => {
            const join = this.SUBRULE(this.joinClause);
            this.ACTION(() => {
              if (!seen.has('FROM')) this.report('JOIN must follow FROM', join.span);
              joins.push(join);
            });
          },
        },
        { ALT: () => { const k = this.CONSUME(K.WHERE); once('WHERE', k); where = this.SUBRULE(this.expression); } },
        {
          ALT: () => {
            const k = this.CONSUME(K.GROUP);
            this.CONSUME(K.BY);
            once('GROUP BY', k);
            groupBy = this.SUBRULE(this.expressionList);
          },
        },
        {
          GATE: () => this.startsNamedWindows(),
          ALT: () => {
            const k = this.CONSUME2(K.WINDOW);
            once('WINDOW … AS', k);
            namedWindows = this.SUBRULE(this.namedWindowList);
          },
        },
        { ALT: () => { const k = this.CONSUME(K.WINDOW); once('WINDOW', k); window = this.SUBRULE(this.windowClause); } },
        { ALT: () => { const k = this.CONSUME(K.HAVING); once('HAVING', k); having = this.SUBRULE2(this.expression); } },
        {
          ALT: () => {
            const k = this.CONSUME(K.ORDER);
            this.CONSUME2(K.BY);
            once('ORDER BY', k);
            orderBy = this.SUBRULE(this.orderByList);
          },
        },
        {
          ALT: () => {
            const k = this.CONSUME(K.LIMIT);
            once('LIMIT', k);
            const n = this.CONSUME(T.NumberLiteral);
            const skip = this.OPTION9(() => {
              this.CONSUME(K.OFFSET);
              return this.CONSUME2(T.NumberLiteral);
            });
            this.ACTION(() => {
              if (numericKindOf(n.image) !== 'integer') this.report('LIMIT takes a whole number', spanOf(n));
              if (skip !== undefined && numericKindOf(skip.image) !== 'integer') this.report('OFFSET takes a whole number', spanOf(skip));
              const offset = skip === undefined ? {} : { offset: Number(skip.image) };
              limit = node<LimitClause>({ kind: 'LimitClause', span: spanOf(k, skip ?? n), count: Number(n.image), ...offset });
            });
          },
        },
        {
          ALT: () => {
            const k = this.CONSUME(K.EMIT);
            once('EMIT', k);
            emit = this.OR3([
              { ALT: () => { this.CONSUME(K.CHANGES); return 'CHANGES' as const; } },
              { ALT: () => { this.CONSUME(K.FINAL); return 'FINAL' as const; } },
            ]);
          },
        },
        { ALT: () => { const k = this.CONSUME(K.INTO); once('INTO', k); into = this.SUBRULE(this.target); } },
        { ALT: () => { const k = this.LA(1); once('WITH', k); withProps = this.SUBRULE(this.withProperties); } },
      ]);
    });
    let union: UnionClause | undefined;
    this.OPTION2(() => {
      const k = this.CONSUME(K.UNION);
      let all = false;
      this.OPTION3(() => { this.CONSUME2(K.ALL); all = true; });
      const select = this.SUBRULE(this.query);
      this.ACTION(() => { union = node<UnionClause>({ kind: 'UnionClause', span: this.spanFrom(k), all, select }); });
    });
    return this.ACTION(() =>
      node({
        kind: 'Select',
        span: this.spanFrom(start),
        distinct,
        items: list(items),
        from,
        joins: list(joins),
        where,
        groupBy: list(groupBy),
        window,
        having,
        namedWindows: list(namedWindows),
        orderBy: list(orderBy),
        limit,
        emit,
        into,
        with: list(withProps),
        union,
      }),
    );
  });

  private readonly selectItem = this.RULE('selectItem', (): SelectItem =>
    // `q.*` is told by its gate: one token of lookahead spares the two-token paths of every expression.
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { ALT: () => { const t = this.CONSUME(T.Star); return this.ACTION((): SelectItem => node({ kind: 'SelectStarItem', span: spanOf(t) })); } },
        {
          GATE: () => this.is(2, T.Dot) && this.is(3, T.Star),
          ALT: () => {
            const q = this.SUBRULE(this.name);
            this.CONSUME(T.Dot);
            const star = this.CONSUME2(T.Star);
            return this.ACTION((): SelectItem => node({ kind: 'SelectStarItem', span: spanOf(this.tokenAt(q.span.offset), star), qualifier: q.name }));
          },
        },
        {
          ALT: () => {
            const expr = this.SUBRULE(this.expression);
            const alias = this.SUBRULE(this.optionalAlias);
            let primaryKey = false;
            this.OPTION({
              GATE: () => this.is(1, K.PRIMARY) && this.is(2, K.KEY),
              DEF: () => {
                this.CONSUME(K.PRIMARY);
                this.CONSUME(K.KEY);
                primaryKey = true;
              },
            });
            return this.ACTION((): SelectItem =>
              node({ kind: 'SelectExprItem', span: spanOf(this.tokenAt(expr.span.offset), this.LA(0)), expr, alias, primaryKey }),
            );
          },
        },
      ],
    }),
  );

  /** `[AS] alias`, or nothing. */
  private readonly optionalAlias = this.RULE('optionalAlias', (): Identifier | undefined => {
    let alias: Identifier | undefined;
    this.OPTION(() => {
      this.CONSUME(K.AS);
      alias = this.SUBRULE(this.name);
    });
    this.OPTION2({
      GATE: () => alias === undefined && this.canBeImplicitAlias(),
      DEF: () => {
        alias = this.SUBRULE2(this.name);
      },
    });
    return alias;
  });

  private readonly relation = this.RULE('relation', (): Relation =>
    this.OR([
      {
        ALT: () => {
          const start = this.CONSUME(T.LParen);
          const query = this.SUBRULE(this.query);
          this.CONSUME(T.RParen);
          return this.ACTION((): Relation => node({ kind: 'SubqueryRelation', span: this.spanFrom(start), query }));
        },
      },
      { ALT: () => this.SUBRULE(this.target) },
    ]),
  );

  /** A named stream/table/sink or a quoted URI. */
  readonly target = this.RULE('target', (): Target =>
    this.OR([
      {
        ALT: () => {
          const n = this.SUBRULE(this.name);
          return this.ACTION((): Target => node({ kind: 'NamedRelation', span: n.span, name: n.name, quoted: n.quoted }));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.StringLiteral);
          return this.ACTION((): Target => node({ kind: 'UriRelation', span: spanOf(t), uri: unquoteString(t.image) }));
        },
      },
    ]),
  );

  private readonly fromClause = this.RULE('fromClause', (): FromClause => {
    const first = this.LA(1);
    const source = this.SUBRULE(this.relation);
    const alias = this.SUBRULE(this.optionalAlias);
    let withProps: Property[] = [];
    this.OPTION(() => {
      withProps = this.SUBRULE(this.withProperties);
    });
    return this.ACTION(() => node({ kind: 'FromClause', span: this.spanFrom(first), source, alias, withProps: list(withProps) }));
  });

  private readonly joinClause = this.RULE('joinClause', (): JoinClause => {
    const first = this.LA(1);
    const joinType = this.OR([
      { ALT: () => { this.CONSUME(K.INNER); this.CONSUME(K.JOIN); return 'INNER' as JoinType; } },
      { ALT: () => { this.CONSUME(K.LEFT); this.OPTION(() => this.CONSUME(K.OUTER)); this.CONSUME2(K.JOIN); return 'LEFT' as JoinType; } },
      { ALT: () => { this.CONSUME(K.RIGHT); this.OPTION2(() => this.CONSUME2(K.OUTER)); this.CONSUME3(K.JOIN); return 'RIGHT' as JoinType; } },
      { ALT: () => { this.CONSUME(K.FULL); this.OPTION3(() => this.CONSUME3(K.OUTER)); this.CONSUME4(K.JOIN); return 'FULL' as JoinType; } },
      { ALT: () => { this.CONSUME(K.CROSS); this.CONSUME6(K.JOIN); return 'CROSS' as JoinType; } },
      { ALT: () => { this.CONSUME5(K.JOIN); return 'INNER' as JoinType; } },
    ]);
    const source = this.SUBRULE(this.relation);
    const alias = this.SUBRULE(this.optionalAlias);
    let on: Expression | undefined;
    let using: Identifier[] | undefined;
    this.OPTION5(() => {
      this.OR2([
        { ALT: () => { this.CONSUME(K.ON); on = this.SUBRULE(this.expression); } },
        {
          ALT: () => {
            this.CONSUME(K.USING);
            this.CONSUME(T.LParen);
            const names: Identifier[] = [];
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => { const n = this.SUBRULE(this.name); this.ACTION(() => names.push(n)); } });
            this.CONSUME(T.RParen);
            using = names;
          },
        },
      ]);
    });
    let within: DurationExpr | undefined;
    this.OPTION4(() => {
      this.CONSUME(K.WITHIN);
      within = this.SUBRULE(this.durationExpr);
    });
    return this.ACTION(() => {
      const span = this.spanFrom(first);
      const conditioned = on !== undefined || using !== undefined;
      if (joinType === 'CROSS' && (conditioned || within !== undefined)) this.report('CROSS JOIN joins every pair: it takes no ON, USING or WITHIN', span);
      if (joinType !== 'CROSS' && !conditioned) this.report('expected ON or USING after the joined relation (or write CROSS JOIN)', spanOf(this.LA(1)));
      if (source.kind === 'SubqueryRelation' && alias === undefined) this.report('a subquery in JOIN needs an alias: JOIN (SELECT …) AS x', source.span);
      return node({
        kind: 'JoinClause',
        span,
        joinType,
        source,
        alias,
        on,
        using: using && list(using),
        within,
        withinMs: within && durationMs(within),
      });
    });
  });

  private readonly windowClause = this.RULE('windowClause', (): WindowClause => {
    const keyword = this.OR([
      { ALT: () => this.CONSUME(K.TUMBLING) },
      { ALT: () => this.CONSUME(K.SLIDING) },
      { ALT: () => this.CONSUME(K.HOPPING) },
      { ALT: () => this.CONSUME(K.SESSION) },
    ]);
    this.CONSUME(T.LParen);
    const args = this.SUBRULE(this.expressionList);
    this.CONSUME(T.RParen);
    return this.ACTION(() => {
      const span = this.spanFrom(keyword);
      const built = buildWindow(keyword.tokenType.name as WindowKeyword, args, span);
      if (typeof built !== 'string') return built;
      this.report(built, span);
      return node({ kind: 'TumblingWindow', span, size: node({ kind: 'NumberLiteral', span, text: '0', numericKind: 'integer' }), sizeMs: 0 });
    });
  });

  /** `w AS (spec)[, w2 AS (spec)…]` after `WINDOW`. */
  private readonly namedWindowList = this.RULE('namedWindowList', (): NamedWindow[] => {
    const windows: NamedWindow[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const name = this.SUBRULE(this.name);
        this.CONSUME(K.AS);
        const spec: WindowSpec = this.SUBRULE(this.windowSpecBody, { ARGS: [this.LA(1)] });
        this.ACTION(() => {
          if (windows.some((w) => w.name.name === name.name)) this.report(`window '${name.name}' is defined twice`, name.span);
          windows.push(node({ kind: 'NamedWindow', span: joinSpans(name.span, spec.span), name, spec }));
        });
      },
    });
    return windows;
  });

  /** `WITH ('k' = 'v', …)` (possibly empty); bare identifiers, dotted keys and numbers are accepted too. */
  readonly withProperties = this.RULE('withProperties', (): Property[] => {
    this.CONSUME(K.WITH);
    this.CONSUME(T.LParen);
    const props: Property[] = [];
    this.MANY_SEP({ SEP: T.Comma, DEF: () => { const p = this.SUBRULE(this.property); this.ACTION(() => props.push(p)); } });
    this.CONSUME(T.RParen);
    return props;
  });

  private readonly property = this.RULE('property', (): Property => {
    const first = this.LA(1);
    const key = this.SUBRULE(this.propertyWord);
    this.CONSUME(T.Eq);
    const value = this.SUBRULE2(this.propertyWord);
    return this.ACTION(() =>
      node({
        kind: 'Property',
        span: this.spanFrom(first),
        key: key.text,
        value: value.text,
        keyKind: key.kind === 'string' ? 'string' : 'identifier',
        valueKind: value.kind,
      }),
    );
  });

  private readonly propertyWord = this.RULE('propertyWord', (): { text: string; kind: 'string' | 'identifier' | 'number' } =>
    this.OR([
      { ALT: () => { const t = this.CONSUME(T.StringLiteral); return this.ACTION(() => ({ text: unquoteString(t.image), kind: 'string' as const })); } },
      { ALT: () => { const t = this.CONSUME(T.NumberLiteral); return this.ACTION(() => ({ text: t.image, kind: 'number' as const })); } },
      { ALT: () => { const t = this.CONSUME(T.DurationLiteral); return this.ACTION(() => ({ text: t.image, kind: 'identifier' as const })); } },
      { ALT: () => { const t = this.CONSUME(K.TRUE); return this.ACTION(() => ({ text: t.image.toLowerCase(), kind: 'identifier' as const })); } },
      { ALT: () => { const t = this.CONSUME(K.FALSE); return this.ACTION(() => ({ text: t.image.toLowerCase(), kind: 'identifier' as const })); } },
      {
        ALT: () => {
          const parts: string[] = [];
          this.AT_LEAST_ONE_SEP({ SEP: T.Dot, DEF: () => { const t = this.CONSUME(T.Name); this.ACTION(() => parts.push(t.image)); } });
          return this.ACTION(() => ({ text: parts.join('.'), kind: 'identifier' as const }));
        },
      },
    ]),
  );
}

/** A SELECT with nothing in it, standing in for a body already reported as wrong. */
function emptySelect(span: Span): Select {
  return node({
    kind: 'Select', span, distinct: false, items: list([]), joins: list([]), groupBy: list([]), namedWindows: list([]),
    orderBy: list([]), with: list([]),
  });
}
