/**
 * The typed, immutable AST of the Velo TS SQL dialect (`docs/sql-dialect.md`).
 *
 * Every node is a frozen object with a `kind` discriminant and a source `span`. Names are kept as
 * written (identifiers are case-sensitive); keywords, function names and units are upper-cased.
 * Literals keep their exact source text so DECIMAL values never pass through a float.
 */
import type { SqlType } from '@velots/core';

// ───────────────────────────── positions ─────────────────────────────

/** Where a node sits in the source: 0-based offsets, 1-based line and column; `endOffset` is exclusive. */
export interface Span {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly endOffset: number;
  readonly endLine?: number | undefined;
  readonly endColumn?: number | undefined;
}

interface NodeBase {
  readonly span: Span;
}

/** A name as written: `quoted` when it was a `` `back-quoted` `` identifier. */
export interface Identifier extends NodeBase {
  readonly kind: 'Identifier';
  readonly name: string;
  readonly quoted: boolean;
}

// ───────────────────────────── literals ─────────────────────────────

/** `42` is integer (BIGINT), `2.50` decimal (scale = fraction digits), `1e3` double (§0). */
export type NumericKind = 'integer' | 'decimal' | 'double';

/** A number literal with its exact source text (never converted here). */
export interface NumberLiteral extends NodeBase {
  readonly kind: 'NumberLiteral';
  readonly text: string;
  readonly numericKind: NumericKind;
}

/** `'it''s'` or `"it's"`: `value` is the unescaped text. */
export interface StringLiteral extends NodeBase {
  readonly kind: 'StringLiteral';
  readonly value: string;
}

export interface BooleanLiteral extends NodeBase {
  readonly kind: 'BooleanLiteral';
  readonly value: boolean;
}

export interface NullLiteral extends NodeBase {
  readonly kind: 'NullLiteral';
}

/** INTERVAL units of the dialect, normalised to the singular (MINUTES → MINUTE). */
export type IntervalUnit = 'MILLISECOND' | 'SECOND' | 'MINUTE' | 'HOUR' | 'DAY' | 'WEEK';

/** `INTERVAL '5' MINUTE` or `INTERVAL 5 MINUTES`, resolved to milliseconds. */
export interface IntervalLiteral extends NodeBase {
  readonly kind: 'IntervalLiteral';
  /** The count as written, without quotes: `'5'` → `5`, `'1.5'` → `1.5`. */
  readonly value: string;
  readonly unit: IntervalUnit;
  readonly ms: number;
}

/** Duration suffixes: `500ms`, `30s`, `1m`, `2h`, `1d`, `1w`, `10us`, `5ns`. */
export type DurationUnit = 'ns' | 'us' | 'ms' | 's' | 'm' | 'h' | 'd' | 'w';

/** A duration literal such as `1m` (integer + unit, no space), resolved to milliseconds. */
export interface DurationLiteral extends NodeBase {
  readonly kind: 'DurationLiteral';
  /** The source text, e.g. `500ms`. */
  readonly text: string;
  readonly amount: number;
  readonly unit: DurationUnit;
  readonly ms: number;
}

/** Where the dialect takes a duration (window sizes, WITHIN): a bare NumberLiteral means seconds. */
export type DurationExpr = IntervalLiteral | DurationLiteral | NumberLiteral;

/**
 * `DATE 'YYYY-MM-DD'`, `TIMESTAMP 'YYYY-MM-DD HH:MM:SS[.fff][zone]'` (UTC when no zone) or `TIME 'HH:MM:SS[.fff]'`,
 * checked and resolved by the parser: `value` is days since 1970-01-01 (DATE), epoch ms (TIMESTAMP) or ms since
 * midnight (TIME).
 */
export interface TypedLiteral extends NodeBase {
  readonly kind: 'TypedLiteral';
  readonly type: 'DATE' | 'TIMESTAMP' | 'TIME';
  /** The text between the quotes, as written. */
  readonly text: string;
  readonly value: number;
}

export type Literal = NumberLiteral | StringLiteral | BooleanLiteral | NullLiteral | IntervalLiteral | DurationLiteral | TypedLiteral;

// ───────────────────────────── types ─────────────────────────────

/** A type as written in CAST or a column list, resolved to core's SqlType. */
export interface TypeRef extends NodeBase {
  readonly kind: 'TypeRef';
  /** The base name as written, upper-cased: `VARCHAR`, `NUMERIC`, `SCALED_INTEGER`, `ARRAY`. */
  readonly name: string;
  readonly type: SqlType;
  /** Numeric parameters as written: DECIMAL(10,2) → [10, 2], VARCHAR(20) → [20]. */
  readonly params: readonly number[];
  /** Element types of ARRAY(T) / ARRAY<T> (one) and MAP(K, V) (two). */
  readonly elementTypes: readonly TypeRef[];
  /** Fields of STRUCT(name T, …). */
  readonly fields: readonly StructFieldRef[];
}

export interface StructFieldRef extends NodeBase {
  readonly kind: 'StructFieldRef';
  readonly name: Identifier;
  readonly type: TypeRef;
}

// ───────────────────────────── expressions ─────────────────────────────

/** `col`, `t.col`, `` `odd name` ``; system columns (`_window_start`, `_event_time`…) are plain refs. */
export interface ColumnRef extends NodeBase {
  readonly kind: 'ColumnRef';
  readonly qualifier?: string | undefined;
  readonly qualifierQuoted?: boolean | undefined;
  readonly name: string;
  readonly quoted: boolean;
}

export type UnaryOp = '-' | '+' | 'NOT';

export interface UnaryExpr extends NodeBase {
  readonly kind: 'UnaryExpr';
  readonly op: UnaryOp;
  readonly operand: Expression;
}

/** Comparison operators; `!=` is normalised to `<>`. */
export type ComparisonOp = '=' | '<>' | '<' | '>' | '<=' | '>=';
export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';
export type BinaryOp = 'OR' | 'AND' | ComparisonOp | '||' | ArithmeticOp;

export interface BinaryExpr extends NodeBase {
  readonly kind: 'BinaryExpr';
  readonly op: BinaryOp;
  readonly left: Expression;
  readonly right: Expression;
}

/** `x IS [NOT] NULL | TRUE | FALSE`. */
export interface IsExpr extends NodeBase {
  readonly kind: 'IsExpr';
  readonly operand: Expression;
  readonly test: 'NULL' | 'TRUE' | 'FALSE';
  readonly not: boolean;
}

/** `a IS [NOT] DISTINCT FROM b` (null-safe comparison). */
export interface IsDistinctFromExpr extends NodeBase {
  readonly kind: 'IsDistinctFromExpr';
  readonly left: Expression;
  readonly right: Expression;
  readonly not: boolean;
}

/** `x [NOT] BETWEEN low AND high` (inclusive). */
export interface BetweenExpr extends NodeBase {
  readonly kind: 'BetweenExpr';
  readonly operand: Expression;
  readonly low: Expression;
  readonly high: Expression;
  readonly not: boolean;
}

/** `x [NOT] IN (a, b, …)`. */
export interface InListExpr extends NodeBase {
  readonly kind: 'InListExpr';
  readonly operand: Expression;
  readonly list: readonly Expression[];
  readonly not: boolean;
}

/** `x [NOT] IN (SELECT …)`. */
export interface InSubqueryExpr extends NodeBase {
  readonly kind: 'InSubqueryExpr';
  readonly operand: Expression;
  readonly query: Select;
  readonly not: boolean;
}

/** `x op ANY|SOME|ALL (SELECT … | a, b, …)`: exactly one of `query` and `list` is set. */
export interface QuantifiedComparisonExpr extends NodeBase {
  readonly kind: 'QuantifiedComparisonExpr';
  readonly op: ComparisonOp;
  readonly quantifier: 'ANY' | 'ALL';
  readonly left: Expression;
  readonly query?: Select | undefined;
  readonly list?: readonly Expression[] | undefined;
}

/** `x [NOT] LIKE|ILIKE pattern [ESCAPE e]`. */
export interface LikeExpr extends NodeBase {
  readonly kind: 'LikeExpr';
  readonly operand: Expression;
  readonly pattern: Expression;
  readonly escape?: Expression | undefined;
  readonly caseInsensitive: boolean;
  readonly not: boolean;
}

export interface WhenClause extends NodeBase {
  readonly kind: 'WhenClause';
  readonly when: Expression;
  readonly then: Expression;
}

/** `CASE WHEN c THEN v … [ELSE e] END` (searched, no operand) or `CASE x WHEN v THEN …` (simple). */
export interface CaseExpr extends NodeBase {
  readonly kind: 'CaseExpr';
  readonly operand?: Expression | undefined;
  readonly whens: readonly WhenClause[];
  readonly else?: Expression | undefined;
}

/** `CAST(x AS type)` or `x::type` (`syntax` keeps which, for printing). */
export interface CastExpr extends NodeBase {
  readonly kind: 'CastExpr';
  readonly operand: Expression;
  readonly type: TypeRef;
  readonly syntax: 'CAST' | '::';
}

/** `name(args)` with the aggregate and analytic extras. */
export interface FunctionCall extends NodeBase {
  readonly kind: 'FunctionCall';
  /** As written (`sum`, `Count`). */
  readonly name: string;
  /** Upper-cased, for catalog look-ups. */
  readonly upperName: string;
  readonly args: readonly Expression[];
  /** `COUNT(DISTINCT x)`. */
  readonly distinct: boolean;
  /** `COUNT(*)`: then `args` is empty. */
  readonly star: boolean;
  /** `… FILTER (WHERE cond)`. */
  readonly filter?: Expression | undefined;
  /** `… WITHIN GROUP (ORDER BY x)` (PERCENTILE_CONT / PERCENTILE_DISC). */
  readonly withinGroup?: readonly OrderByItem[] | undefined;
  /** `… OVER (…)`. */
  readonly over?: WindowSpec | undefined;
}

/** EXTRACT parts of §9, upper-cased. */
export type ExtractPart = string;

/** `EXTRACT(part FROM x)`; the `EXTRACT('part', x)` form is a plain FunctionCall. */
export interface ExtractExpr extends NodeBase {
  readonly kind: 'ExtractExpr';
  readonly part: ExtractPart;
  readonly source: Expression;
}

/** `POSITION(sub IN s)`; the `POSITION(sub, s[, from])` form is a plain FunctionCall. */
export interface PositionExpr extends NodeBase {
  readonly kind: 'PositionExpr';
  readonly substring: Expression;
  readonly string: Expression;
}

/** `EXISTS (SELECT …)`; `NOT EXISTS` is a UnaryExpr NOT around it. */
export interface ExistsExpr extends NodeBase {
  readonly kind: 'ExistsExpr';
  readonly query: Select;
}

/** `(SELECT …)` used as a value. */
export interface SubqueryExpr extends NodeBase {
  readonly kind: 'SubqueryExpr';
  readonly query: Select;
}

/** `CURRENT_TIMESTAMP`, `CURRENT_DATE`, `CURRENT_TIME` written without parentheses. */
export interface CurrentTimeExpr extends NodeBase {
  readonly kind: 'CurrentTimeExpr';
  readonly keyword: 'CURRENT_TIMESTAMP' | 'CURRENT_DATE' | 'CURRENT_TIME';
}

export type Expression =
  | NumberLiteral
  | StringLiteral
  | BooleanLiteral
  | NullLiteral
  | IntervalLiteral
  | DurationLiteral
  | TypedLiteral
  | ColumnRef
  | UnaryExpr
  | BinaryExpr
  | IsExpr
  | IsDistinctFromExpr
  | BetweenExpr
  | InListExpr
  | InSubqueryExpr
  | QuantifiedComparisonExpr
  | LikeExpr
  | CaseExpr
  | CastExpr
  | FunctionCall
  | ExtractExpr
  | PositionExpr
  | ExistsExpr
  | SubqueryExpr
  | CurrentTimeExpr;

export type ExpressionKind = Expression['kind'];

// ───────────────────────────── analytic windows (OVER) ─────────────────────────────

export type FrameBoundType = 'UNBOUNDED_PRECEDING' | 'UNBOUNDED_FOLLOWING' | 'CURRENT_ROW' | 'PRECEDING' | 'FOLLOWING';

/** A frame bound; `offset` (a number or INTERVAL literal) is set for `n PRECEDING|FOLLOWING`. */
export interface FrameBound extends NodeBase {
  readonly kind: 'FrameBound';
  readonly type: FrameBoundType;
  readonly offset?: Expression | undefined;
}

/** `ROWS|RANGE BETWEEN start AND end`, or `ROWS start` (then `end` is absent, meaning CURRENT ROW). */
export interface WindowFrame extends NodeBase {
  readonly kind: 'WindowFrame';
  readonly unit: 'ROWS' | 'RANGE';
  readonly start: FrameBound;
  readonly end?: FrameBound | undefined;
}

/** `EXPIRE AFTER INTERVAL 'n' unit INACTIVITY` (`after` set) or `EXPIRE AFTER NEVER` (`after` absent). */
export interface ExpireClause extends NodeBase {
  readonly kind: 'ExpireClause';
  readonly after?: IntervalLiteral | undefined;
}

/**
 * `OVER (…)`: the standard form and Velostream's
 * `ROWS WINDOW BUFFER n ROWS [PARTITION BY …] [ORDER BY …] [frame] [EMIT …] [EXPIRE …]` (§7).
 */
export interface WindowSpec extends NodeBase {
  readonly kind: 'WindowSpec';
  /** `OVER w` or `OVER (w …)`: the named window (`WINDOW w AS (…)`) this spec starts from. */
  readonly baseWindow?: Identifier | undefined;
  /** `OVER w` written without parentheses (then nothing else is set). */
  readonly bare?: boolean | undefined;
  /** `ROWS WINDOW BUFFER n ROWS`: the buffer size n. */
  readonly bufferRows?: number | undefined;
  readonly partitionBy: readonly Expression[];
  readonly orderBy: readonly OrderByItem[];
  readonly frame?: WindowFrame | undefined;
  /** `EMIT EVERY RECORD`, `EMIT ON BUFFER FULL`, or `EMIT CHANGES` (VS docs; treated like EVERY RECORD). */
  readonly emitMode?: 'EVERY_RECORD' | 'ON_BUFFER_FULL' | 'CHANGES' | undefined;
  readonly expire?: ExpireClause | undefined;
}

/** `WINDOW w AS (…)` after HAVING: a window spec named for `OVER w` / `OVER (w …)`. */
export interface NamedWindow extends NodeBase {
  readonly kind: 'NamedWindow';
  readonly name: Identifier;
  readonly spec: WindowSpec;
}

// ───────────────────────────── group windows (WINDOW clause) ─────────────────────────────

/** `TUMBLING([time,] size)`; `timeColumn` is a column or any expression over the input row (`GREATEST(a.ts, b.ts)`). */
export interface TumblingWindow extends NodeBase {
  readonly kind: 'TumblingWindow';
  readonly timeColumn?: Expression | undefined;
  readonly size: DurationExpr;
  readonly sizeMs: number;
}

/** `SLIDING([timeColumn,] size, advance)`; `HOPPING(…)` is the same window (`keyword` keeps which). */
export interface SlidingWindow extends NodeBase {
  readonly kind: 'SlidingWindow';
  readonly keyword: 'SLIDING' | 'HOPPING';
  readonly timeColumn?: Expression | undefined;
  readonly size: DurationExpr;
  readonly sizeMs: number;
  readonly advance: DurationExpr;
  readonly advanceMs: number;
}

/** `SESSION([time,] gap[, partition, …])`: the time and the partitions are columns or expressions. */
export interface SessionWindow extends NodeBase {
  readonly kind: 'SessionWindow';
  readonly timeColumn?: Expression | undefined;
  readonly gap: DurationExpr;
  readonly gapMs: number;
  readonly partitionColumns: readonly Expression[];
}

export type WindowClause = TumblingWindow | SlidingWindow | SessionWindow;

// ───────────────────────────── SELECT ─────────────────────────────

/** `expr [AS alias] [PRIMARY KEY]`. */
export interface SelectExprItem extends NodeBase {
  readonly kind: 'SelectExprItem';
  readonly expr: Expression;
  readonly alias?: Identifier | undefined;
  readonly primaryKey: boolean;
}

/** `*` or `t.*`. */
export interface SelectStarItem extends NodeBase {
  readonly kind: 'SelectStarItem';
  readonly qualifier?: string | undefined;
}

export type SelectItem = SelectExprItem | SelectStarItem;

/** A stream, table or sink by name. */
export interface NamedRelation extends NodeBase {
  readonly kind: 'NamedRelation';
  readonly name: string;
  readonly quoted: boolean;
}

/** A quoted URI in FROM or INTO: `'file://./in.csv'`, `'kafka://host:9092/topic'`. */
export interface UriRelation extends NodeBase {
  readonly kind: 'UriRelation';
  readonly uri: string;
}

/** `(SELECT …)` in FROM. */
export interface SubqueryRelation extends NodeBase {
  readonly kind: 'SubqueryRelation';
  readonly query: Select;
}

export type Relation = NamedRelation | UriRelation | SubqueryRelation;
export type Target = NamedRelation | UriRelation;

/**
 * One `'k' = 'v'` pair of a WITH list. `value` is kept raw (`${VAR:def}` is substituted by the planner);
 * a FROM-level WITH also takes bare identifiers and numbers (`valueKind` says which was written).
 */
export interface Property extends NodeBase {
  readonly kind: 'Property';
  readonly key: string;
  readonly value: string;
  readonly keyKind: 'string' | 'identifier';
  readonly valueKind: 'string' | 'identifier' | 'number';
}

/** `FROM source [[AS] alias] [WITH (…)]`. */
export interface FromClause extends NodeBase {
  readonly kind: 'FromClause';
  readonly source: Relation;
  readonly alias?: Identifier | undefined;
  readonly withProps: readonly Property[];
}

/** CROSS joins every pair (no ON, no USING). */
export type JoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS';

/**
 * `[INNER|LEFT [OUTER]|RIGHT [OUTER]|FULL [OUTER]] JOIN source [[AS] alias] (ON cond | USING (cols)) [WITHIN d]`, or
 * `CROSS JOIN source [[AS] alias]`; the source may be a derived table `(SELECT …) alias`.
 */
export interface JoinClause extends NodeBase {
  readonly kind: 'JoinClause';
  readonly joinType: JoinType;
  readonly source: Relation;
  readonly alias?: Identifier | undefined;
  readonly on?: Expression | undefined;
  readonly using?: readonly Identifier[] | undefined;
  readonly within?: DurationExpr | undefined;
  readonly withinMs?: number | undefined;
}

/** `expr [ASC|DESC] [NULLS FIRST|LAST]`; direction defaults to ASC. */
export interface OrderByItem extends NodeBase {
  readonly kind: 'OrderByItem';
  readonly expr: Expression;
  readonly direction: 'ASC' | 'DESC';
  readonly nulls?: 'FIRST' | 'LAST' | undefined;
}

export interface LimitClause extends NodeBase {
  readonly kind: 'LimitClause';
  readonly count: number;
  /** `LIMIT n OFFSET m`: the first m rows are skipped before n are kept. */
  readonly offset?: number | undefined;
}

/** `UNION [ALL] SELECT …`. */
export interface UnionClause extends NodeBase {
  readonly kind: 'UnionClause';
  readonly all: boolean;
  readonly select: Select;
}

/** A SELECT with every clause of §2; the clauses may be written in any order, each at most once. */
export interface Select extends NodeBase {
  readonly kind: 'Select';
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from?: FromClause | undefined;
  readonly joins: readonly JoinClause[];
  readonly where?: Expression | undefined;
  readonly groupBy: readonly Expression[];
  readonly window?: WindowClause | undefined;
  readonly having?: Expression | undefined;
  /** `WINDOW w AS (…)[, …]`: windows named for OVER. */
  readonly namedWindows: readonly NamedWindow[];
  readonly orderBy: readonly OrderByItem[];
  readonly limit?: LimitClause | undefined;
  readonly emit?: 'CHANGES' | 'FINAL' | undefined;
  /** `INTO target` (the insert form `SELECT … INTO t`). */
  readonly into?: Target | undefined;
  /** The trailing `WITH ('k' = 'v', …)`: the statement's properties. */
  readonly with: readonly Property[];
  readonly union?: UnionClause | undefined;
}

// ───────────────────────────── annotations ─────────────────────────────

/** One annotation line as written: `-- @key: value`, a header line (`-- Version: 2`), or `-- Property: k=v`. */
export interface RawAnnotation extends NodeBase {
  readonly kind: 'RawAnnotation';
  /** `@metric_type` → `metric_type`; header `SQL Application` → `sql_application`. */
  readonly key: string;
  readonly value: string;
  readonly form: 'at' | 'header' | 'property';
}

export type JobMode = 'simple' | 'transactional' | 'adaptive';
export type PartitioningStrategy = 'sticky' | 'hash' | 'smart' | 'roundrobin' | 'fanin';

/** Processor and partitioning annotations: statement-level, or file-level defaults for every statement. */
export interface JobAnnotations {
  readonly jobMode?: JobMode | undefined;
  readonly batchSize?: number | undefined;
  /** `@checkpoint_interval` as written (`10s`, `500ms`, `10000` ms); the planner checks it. */
  readonly checkpointInterval?: string | undefined;
  readonly numPartitions?: number | undefined;
  /** Long names are normalised: `always_hash` → `hash`, `round_robin` → `roundrobin`. */
  readonly partitioningStrategy?: PartitioningStrategy | undefined;
  readonly stickyPartitionId?: number | undefined;
  readonly partitionCount?: number | undefined;
}

export interface ObservabilityAnnotations {
  readonly metricsEnabled?: boolean | undefined;
  readonly tracingEnabled?: boolean | undefined;
  readonly errorReportingEnabled?: boolean | undefined;
  readonly profiling?: 'off' | 'dev' | 'prod' | undefined;
}

export interface DeploymentAnnotations {
  /** Raw values: `${VAR:def}` and `${A|B:def}` are substituted by the planner. */
  readonly nodeId?: string | undefined;
  readonly nodeName?: string | undefined;
  readonly region?: string | undefined;
}

export type MetricType = 'counter' | 'gauge' | 'histogram';

/** A `@metric: name` block with its `@metric_*` lines. */
export interface MetricAnnotation extends NodeBase {
  readonly kind: 'MetricAnnotation';
  readonly name: string;
  readonly type: MetricType;
  readonly help?: string | undefined;
  readonly labels: readonly string[];
  readonly field?: string | undefined;
  readonly buckets?: readonly number[] | undefined;
  readonly condition?: Expression | undefined;
  readonly sampleRate?: number | undefined;
}

/** Annotations of the file header (§4 file scope). */
export interface ScriptAnnotations {
  readonly app?: string | undefined;
  readonly version?: string | undefined;
  readonly description?: string | undefined;
  readonly author?: string | undefined;
  readonly dependencies: readonly string[];
  readonly tags: readonly { readonly key: string; readonly value: string }[];
  /** Logged only: `@phase`, `@sla.latency.p99`, `@sla.availability`, `@data_retention`, `@compliance` (key → value). */
  readonly logged: Readonly<Record<string, string>>;
  readonly observability: ObservabilityAnnotations;
  readonly deployment: DeploymentAnnotations;
  /** Job annotations written in the file header: defaults for every statement. */
  readonly jobDefaults: JobAnnotations;
  readonly raw: readonly RawAnnotation[];
}

/** Annotations in the comments just above a statement (§4 statement scope). */
export interface StatementAnnotations extends JobAnnotations {
  /** `@name` or `-- Name:`: the job name. */
  readonly name?: string | undefined;
  readonly observability: ObservabilityAnnotations;
  readonly metrics: readonly MetricAnnotation[];
  /** `-- Property: k=v` lines, in order. */
  readonly properties: readonly { readonly key: string; readonly value: string }[];
  readonly raw: readonly RawAnnotation[];
}

/** A non-fatal finding (an unknown annotation, a docs-only form): the script still parses. */
export interface ParseWarning {
  readonly code: string;
  readonly message: string;
  readonly span: Span;
}

// ───────────────────────────── statements ─────────────────────────────

interface StatementBase extends NodeBase {
  readonly annotations: StatementAnnotations;
  /** The statement's source text, without its leading comments and trailing `;`. */
  readonly text: string;
}

/** `name TYPE [NOT NULL] [PRIMARY KEY]` in a column list. */
export interface ColumnDef extends NodeBase {
  readonly kind: 'ColumnDef';
  readonly name: Identifier;
  readonly type: TypeRef;
  readonly notNull: boolean;
  readonly primaryKey: boolean;
}

/** `CREATE STREAM n [(cols)] AS SELECT …` (CSAS): a job writing to sink `n`. */
export interface CreateStreamAs extends StatementBase {
  readonly kind: 'CreateStreamAs';
  readonly name: Identifier;
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly columns?: readonly ColumnDef[] | undefined;
  readonly query: Select;
}

/** `CREATE TABLE n [(cols)] AS SELECT k PRIMARY KEY, …` (CTAS). */
export interface CreateTableAs extends StatementBase {
  readonly kind: 'CreateTableAs';
  readonly name: Identifier;
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly columns?: readonly ColumnDef[] | undefined;
  readonly query: Select;
}

/** `CREATE STREAM n (cols [, PRIMARY KEY (k, …)]) [WITH (…)]`: a typed source. */
export interface CreateStream extends StatementBase {
  readonly kind: 'CreateStream';
  readonly name: Identifier;
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly columns: readonly ColumnDef[];
  /** Key columns: inline `col T PRIMARY KEY` and the `PRIMARY KEY (…)` constraint, in order. */
  readonly primaryKey: readonly Identifier[];
  readonly with: readonly Property[];
}

/** `CREATE TABLE n (cols [, PRIMARY KEY (k, …)]) [WITH (…)]`: a typed keyed source. */
export interface CreateTable extends StatementBase {
  readonly kind: 'CreateTable';
  readonly name: Identifier;
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly columns: readonly ColumnDef[];
  readonly primaryKey: readonly Identifier[];
  readonly with: readonly Property[];
}

/** `INSERT INTO target [(cols)] SELECT …` (the TS spelling of `SELECT … INTO target`). */
export interface InsertInto extends StatementBase {
  readonly kind: 'InsertInto';
  readonly target: Target;
  readonly columns?: readonly Identifier[] | undefined;
  readonly query: Select;
}

/** A bare `SELECT …` (ad hoc, pull query, or `… [EMIT CHANGES] INTO t`). */
export interface SelectStatement extends StatementBase {
  readonly kind: 'SelectStatement';
  readonly query: Select;
}

/** `DROP STREAM|TABLE [IF EXISTS] n`. */
export interface DropStatement extends StatementBase {
  readonly kind: 'DropStatement';
  readonly objectType: 'STREAM' | 'TABLE';
  readonly name: Identifier;
  readonly ifExists: boolean;
}

export type ShowSubject =
  | 'STREAMS'
  | 'TABLES'
  | 'TOPICS'
  | 'FUNCTIONS'
  | 'JOBS'
  | 'STATUS'
  | 'METRICS'
  | 'VERSIONS'
  | 'SCHEMA'
  | 'PARTITIONS'
  | 'PROPERTIES';

/** `SHOW|LIST subject [target] [[LIKE] 'pattern']`. */
export interface ShowStatement extends StatementBase {
  readonly kind: 'ShowStatement';
  readonly verb: 'SHOW' | 'LIST';
  readonly subject: ShowSubject;
  /** `SHOW PROPERTIES STREAM s`: the object type word, when written. */
  readonly targetType?: 'STREAM' | 'TABLE' | 'JOB' | undefined;
  readonly target?: Identifier | undefined;
  readonly pattern?: string | undefined;
}

/** `DESCRIBE [STREAM|TABLE] n`. */
export interface DescribeStatement extends StatementBase {
  readonly kind: 'DescribeStatement';
  readonly name: Identifier;
  readonly objectType?: 'STREAM' | 'TABLE' | undefined;
}

/** `EXPLAIN stmt`. */
export interface ExplainStatement extends StatementBase {
  readonly kind: 'ExplainStatement';
  readonly statement: Statement;
}

/** `JOB` or its VS synonym `QUERY` (`PAUSE QUERY q`), kept for printing. */
export type JobWord = 'JOB' | 'QUERY';

/** What a job runs: a SELECT, or a CREATE STREAM|TABLE … AS SELECT. */
export type JobBody = SelectStatement | CreateStreamAs | CreateTableAs;

/** `START JOB j AS SELECT … | CREATE STREAM|TABLE … AS SELECT …`. */
export interface StartJob extends StatementBase {
  readonly kind: 'StartJob';
  readonly jobWord: JobWord;
  readonly name: Identifier;
  readonly body: JobBody;
}

/** `STOP JOB j [FORCE]`. */
export interface StopJob extends StatementBase {
  readonly kind: 'StopJob';
  readonly jobWord: JobWord;
  readonly name: Identifier;
  readonly force: boolean;
}

/** `PAUSE JOB j` or `PAUSE QUERY q`. */
export interface PauseJob extends StatementBase {
  readonly kind: 'PauseJob';
  readonly jobWord: JobWord;
  readonly name: Identifier;
}

/** `RESUME JOB j` or `RESUME QUERY q`. */
export interface ResumeJob extends StatementBase {
  readonly kind: 'ResumeJob';
  readonly jobWord: JobWord;
  readonly name: Identifier;
}

export type DeployStrategy =
  | { readonly kind: 'BLUE_GREEN' }
  | { readonly kind: 'CANARY'; readonly percentage: number }
  | { readonly kind: 'ROLLING' }
  | { readonly kind: 'REPLACE' };

/** `DEPLOY JOB j VERSION 'v' AS SELECT … | CREATE STREAM|TABLE … [WITH …] [STRATEGY s]`. */
export interface DeployJob extends StatementBase {
  readonly kind: 'DeployJob';
  readonly jobWord: JobWord;
  readonly name: Identifier;
  readonly version: string;
  readonly body: JobBody;
  readonly strategy?: DeployStrategy | undefined;
}

/** `ROLLBACK JOB j [VERSION 'v']`. */
export interface RollbackJob extends StatementBase {
  readonly kind: 'RollbackJob';
  readonly jobWord: JobWord;
  readonly name: Identifier;
  readonly version?: string | undefined;
}

export type Statement =
  | CreateStreamAs
  | CreateTableAs
  | CreateStream
  | CreateTable
  | InsertInto
  | SelectStatement
  | DropStatement
  | ShowStatement
  | DescribeStatement
  | ExplainStatement
  | StartJob
  | StopJob
  | PauseJob
  | ResumeJob
  | DeployJob
  | RollbackJob;

export type StatementKind = Statement['kind'];

/** A parsed `.sql` file: its statements in order, the file-level annotations, and warnings. */
export interface Script extends NodeBase {
  readonly kind: 'Script';
  readonly statements: readonly Statement[];
  readonly annotations: ScriptAnnotations;
  readonly warnings: readonly ParseWarning[];
}

/** Every node kind, for visitors and the printer. */
export type AstNode =
  | Script
  | Statement
  | Expression
  | Identifier
  | TypeRef
  | StructFieldRef
  | WhenClause
  | FrameBound
  | WindowFrame
  | ExpireClause
  | WindowSpec
  | NamedWindow
  | WindowClause
  | SelectItem
  | Relation
  | Property
  | FromClause
  | JoinClause
  | OrderByItem
  | LimitClause
  | UnionClause
  | Select
  | ColumnDef
  | RawAnnotation
  | MetricAnnotation;

// ───────────────────────────── options and tokens ─────────────────────────────

export interface ParseOptions {
  /** File name shown in error positions (`app.sql:3:7: …`). */
  readonly file?: string | undefined;
}

/** A lexer token, as returned by `tokenize`. */
export interface SqlToken {
  /** The token type name: `Identifier`, `StringLiteral`, `Select`, `Comma`… */
  readonly type: string;
  readonly image: string;
  readonly span: Span;
}
