import { describe, expect, it } from 'vitest';
import { isUnknown, unknown, type Value } from '../../../src/model/values.js';
import { type QueryRead, watchedQueries } from '../../../src/sources/cloudformation/map/alarm-queries.js';

const metric = (id: Value<string>, returnData: Value<boolean | undefined> = false): QueryRead => ({
  id,
  returnData,
  expression: undefined,
});
const expr = (
  id: string,
  expression: Value<string>,
  returnData: Value<boolean | undefined> = true,
): QueryRead => ({ id, returnData, expression });

/** Each query's watched value, an Unknown as its reason. */
const watched = (queries: QueryRead[]) =>
  watchedQueries(queries).map((w) => (isUnknown(w) ? `unknown: ${w.reason}` : w));

describe('watchedQueries', () => {
  it('follows the returned expression through the ids it names, and no further', () => {
    expect(
      watched([
        metric('e'),
        metric('inv'),
        metric('other'),
        expr('rate', 'e / inv', false),
        expr('r', 'rate * 100'),
      ]),
    ).toEqual([true, true, false, true, true]);
  });

  it('reads an omitted ReturnData as true, and every query when none returns data', () => {
    expect(watched([metric('e'), expr('r', 'e', undefined)])).toEqual([true, true]);
    expect(watched([metric('e'), metric('inv'), expr('r', 'inv', false)])).toEqual([true, true, true]);
  });

  it('reads METRICS() and SEARCH() as reading every query, METRICS("x") those whose Id holds x, and not words of quoted text', () => {
    expect(watched([metric('e'), expr('r', 'SUM(METRICS())')])).toEqual([true, true]);
    expect(watched([metric('e'), expr('r', 'SUM(METRICS("x"))')])).toEqual([false, true]);
    expect(watched([metric('err1'), expr('r', "SUM(METRICS('rr'))")])).toEqual([true, true]);
    expect(watched([metric('e'), expr('r', "SEARCH('{AWS/Lambda} e', 'Sum')")])).toEqual([true, true]);
    expect(watched([metric('e'), metric('inv'), expr('r', 'IF(inv > 0, inv, 0) + LEN("e")')])).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('reads every query where a METRICS call it cannot parse stands beside one it can', () => {
    // METRICS(x) with an unquoted word is no filter Parapet reads: it may stand for any of them.
    expect(watched([metric('e'), expr('r', 'SUM(METRICS("x")) + SUM(METRICS(errs))')])).toEqual([true, true]);
    expect(watched([metric('e'), expr('r', 'SUM(METRICS("x")) + SUM(METRICS ( "y" ))')])).toEqual([
      false,
      true,
    ]);
  });

  it('is unknown for what an expression not known before deploy may name, sure of the ids it writes', () => {
    const text = unknown('from parameter Fill', 'FILL(e, ${Fill}) + m${N}');
    expect(watched([metric('e'), metric('m'), expr('r', text)])).toEqual([
      true,
      'unknown: the Expression of query r is from parameter Fill',
      true,
    ]);
  });

  it('is unknown for a query whose ReturnData is not known, unless it is the only one that may return data', () => {
    const flag = unknown('from parameter Flag');
    expect(watched([metric('e'), expr('r', 'e', flag), expr('s', '1', true)])).toEqual([
      'unknown: the ReturnData of query r is from parameter Flag',
      'unknown: the ReturnData of query r is from parameter Flag',
      true,
    ]);
    expect(watched([metric('e'), expr('r', 'e', flag)])).toEqual([true, true]);
  });

  it('is unknown for a query whose Id is not known, which an expression may name', () => {
    expect(watched([metric(unknown('from parameter Id')), expr('r', 'e')])).toEqual([
      'unknown: the Id of the query at Metrics[0] is from parameter Id',
      true,
    ]);
  });
});
