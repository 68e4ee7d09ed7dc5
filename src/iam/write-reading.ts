// What the analysis of grants on every resource reads of a statement whatever actions it looks for: whether its
// Resource covers every resource, the types of resource it names, its conditions on keys naming the resource.
// iam.role-wildcard-resource-write and iam.role-wildcard-resource-read read the same statements of every role, each
// for its own actions: given one StatementReadings, the second takes these from the first instead of reading again.
import type { Statement } from '../model/iam.js';
import { type ResourceConditions, resourceConditions } from './resource-conditions.js';
import { coversAllResources, type TypedResource, typedResources } from './statements.js';
import type { AnalysisOptions } from './templates.js';
import type { Tri } from './tri.js';

interface StatementReading {
  all?: Tri;
  typed?: readonly TypedResource[];
  conditions?: ResourceConditions;
}

/**
 * Readings by statement, each part read when first asked. One holds for one inventory and account (the
 * AnalysisOptions the readings are made with): a check gets it from its inventory (see resourceReadings).
 */
export type StatementReadings = Map<Statement, StatementReading>;

export interface ReadingOptions extends AnalysisOptions {
  /** Where readings of the statements are kept between analyses of one inventory; none: each reads afresh. */
  readonly readings?: StatementReadings;
}

/** coversAllResources, read once per statement when `options` keeps readings. */
export function readAllResources(statement: Statement, options: ReadingOptions): Tri {
  const reading = readingOf(statement, options);
  if (reading === undefined) return coversAllResources(statement, options);
  reading.all ??= coversAllResources(statement, options);
  return reading.all;
}

/** typedResources, read once per statement when `options` keeps readings. */
export function readTypedResources(statement: Statement, options: ReadingOptions): readonly TypedResource[] {
  const reading = readingOf(statement, options);
  if (reading === undefined) return typedResources(statement, options);
  reading.typed ??= typedResources(statement, options);
  return reading.typed;
}

/** resourceConditions, read once per statement when `options` keeps readings. */
export function readResourceConditions(statement: Statement, options: ReadingOptions): ResourceConditions {
  const reading = readingOf(statement, options);
  if (reading === undefined) return resourceConditions(statement, options);
  reading.conditions ??= resourceConditions(statement, options);
  return reading.conditions;
}

function readingOf(statement: Statement, options: ReadingOptions): StatementReading | undefined {
  const readings = options.readings;
  if (readings === undefined) return undefined;
  let reading = readings.get(statement);
  if (reading === undefined) {
    reading = {};
    readings.set(statement, reading);
  }
  return reading;
}
