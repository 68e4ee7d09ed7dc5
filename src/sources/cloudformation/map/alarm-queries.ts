import { isUnknown, replacePlaceholders, type Unknown, unknown, type Value } from '../../../model/values.js';

/**
 * Which queries of a metric-math alarm it goes by. CloudWatch alarms on the query whose ReturnData is true ("Of
 * those Expression structures, one must have true as the value for ReturnData. The result of this expression is
 * the value the alarm watches", PutMetricAlarm MetricDataQuery); an omitted ReturnData is true (its default, which
 * the CDK relies on when it writes `ReturnData: false` for every query but that one). That query's Expression reads
 * others by their Id, and those read others in turn ("This expression can use the Id of the other metrics to refer
 * to those metrics, and can also use the Id of other expressions", AWS::CloudWatch::Alarm MetricDataQuery): a query
 * none of them reads is fetched and never weighed, and the alarm never goes into ALARM on its metric.
 */

/** A query as the template writes it: only what tells which others it reads. */
export interface QueryRead {
  readonly id: Value<string | undefined>;
  readonly returnData: Value<boolean | undefined>;
  readonly expression: Value<string | undefined>;
}

/** How surely the alarm goes by a query: 2 surely, 1 perhaps (a value not known before deploy), 0 not. */
type Level = 0 | 1 | 2;

interface Edge {
  readonly to: number;
  readonly level: Level;
  readonly reason?: string;
}

const QUOTED = /"[^"]*"|'[^']*'/g;
// A word with a `$` in it held a placeholder: it is no Id, which takes letters, digits and `_` only.
const WORD = /[A-Za-z0-9_$]+/g;
/**
 * METRICS() reads every metric of the alarm, and METRICS("text") those whose Id holds the text ("the expression
 * SUM(METRICS("errors")) returns the sum of the values of all graphed metrics that have 'errors' in their Id field",
 * CloudWatch User Guide, "Metric math syntax and functions"). SEARCH() finds metrics by itself, and CloudWatch takes no
 * alarm on it (CDK MathExpression: "When an expression contains a SEARCH function, it cannot be used within an
 * Alarm"): read, as before, as reading them all.
 */
const SEARCH = /\bSEARCH\s*\(/i;
const METRICS = /\bMETRICS\s*\(\s*(?:"([^"]*)"|'([^']*)')?\s*\)/gi;
const METRICS_OPEN = /\bMETRICS\s*\(/gi;

/** What an expression reads by name: its words (Ids, functions, keywords), the texts its METRICS("text") filter
 * Ids by, and `every` when it reads all (METRICS(), SEARCH(), or a METRICS call not read). */
function wordsOf(text: string): { words: Set<string>; idParts: string[]; every: boolean } {
  const bare = text.replace(QUOTED, ' ');
  const idParts: string[] = [];
  let every = SEARCH.test(bare);
  let calls = 0;
  for (const call of text.matchAll(METRICS)) {
    calls++;
    const part = call[1] ?? call[2];
    if (part === undefined || part === '') every = true;
    else idParts.push(part);
  }
  // A METRICS call of another shape than those read (an unquoted argument, a second argument) filters by what
  // Parapet does not read: every query, also beside calls that were read.
  if ((bare.match(METRICS_OPEN)?.length ?? 0) > calls) every = true;
  return { words: new Set(bare.match(WORD) ?? []), idParts, every };
}

function label(query: QueryRead, index: number): string {
  return typeof query.id === 'string' ? `query ${query.id}` : `the query at Metrics[${index}]`;
}

/** The queries query `index`'s Expression reads, each as surely as it can be told. */
function edgesOf(queries: readonly QueryRead[], index: number): Edge[] {
  const { expression } = queries[index] as QueryRead;
  if (expression === undefined) return [];
  // Text not known before deploy: what it writes around its unknown parts is read; any query may be in them.
  const known = isUnknown(expression)
    ? expression.template === undefined
      ? undefined
      : replacePlaceholders(expression.template, '$')
    : expression;
  const { words, idParts, every } = wordsOf(known ?? '');
  const named = (id: string) => words.has(id) || idParts.some((part) => id.includes(part));
  const edges: Edge[] = [];
  queries.forEach((query, to) => {
    if (to === index) return;
    if (every || (typeof query.id === 'string' && named(query.id))) edges.push({ to, level: 2 });
    else if (isUnknown(expression))
      edges.push({
        to,
        level: 1,
        reason: `the Expression of ${label(queries[index] as QueryRead, index)} is ${expression.reason}`,
      });
    else if (isUnknown(query.id))
      edges.push({ to, level: 1, reason: `the Id of ${label(query, to)} is ${query.id.reason}` });
  });
  return edges;
}

/**
 * Where the alarm starts: the queries whose ReturnData is true (or omitted), surely; those whose ReturnData is not
 * known, perhaps, unless none other may be, since CloudWatch takes the alarm only with one. An alarm that returns
 * no query CloudWatch refuses: every query is read as watched, as Parapet read every one before it weighed them.
 */
function roots(queries: readonly QueryRead[]): { level: Level[]; reasons: (string | undefined)[] } {
  const reasons = queries.map(({ returnData }, index) =>
    isUnknown(returnData)
      ? `the ReturnData of ${label(queries[index] as QueryRead, index)} is ${returnData.reason}`
      : undefined,
  );
  const level = queries.map(
    ({ returnData }): Level =>
      returnData === true || returnData === undefined ? 2 : isUnknown(returnData) ? 1 : 0,
  );
  if (level.every((l) => l === 0)) return { level: level.map(() => 2), reasons };
  if (!level.includes(2) && level.filter((l) => l === 1).length === 1)
    return { level: level.map((l) => (l === 1 ? 2 : 0)), reasons };
  return { level, reasons };
}

/** Whether the alarm goes by each query (see MetricQuery.watched), in the order of `queries`. */
export function watchedQueries(queries: readonly QueryRead[]): Value<boolean>[] {
  const { level, reasons } = roots(queries);
  const edges = queries.map((_, index) => edgesOf(queries, index));
  // Levels only rise, at most twice per query: this settles.
  for (let changed = true; changed; ) {
    changed = false;
    edges.forEach((out, from) => {
      const at = level[from] as Level;
      if (at === 0) return;
      for (const { to, level: through, reason } of out) {
        const reached = Math.min(at, through) as Level;
        if (reached <= (level[to] as Level)) continue;
        level[to] = reached;
        reasons[to] = at === 1 ? reasons[from] : reason;
        changed = true;
      }
    });
  }
  return level.map((l, index): boolean | Unknown =>
    l === 2 ? true : l === 0 ? false : unknown(reasons[index] ?? 'not known before deploy'),
  );
}
