import { expect, it } from 'vitest';
import { RUNTIME_TABLE_SOURCE, RUNTIME_TABLE_TAKEN_ON } from '../../src/runtimes/index.js';

const MAX_AGE_DAYS = 365;

// Deliberately reads the machine's clock: the table must not silently go stale (PEER-LESSONS:
// other scanners shipped runtime lists years out of date).
it(`the Lambda runtime table was taken less than ${MAX_AGE_DAYS} days ago`, () => {
  const ageDays = Math.floor((Date.now() - Date.parse(`${RUNTIME_TABLE_TAKEN_ON}T00:00:00Z`)) / 86_400_000);
  expect(
    ageDays,
    `src/data/lambda-runtimes.json was taken on ${RUNTIME_TABLE_TAKEN_ON}, ${ageDays} days ago. ` +
      `Refresh the table from the AWS page ${RUNTIME_TABLE_SOURCE} (deprecation, block function create ` +
      'and block function update dates, new runtimes) and set takenOn to the date of the copy you read.',
  ).toBeLessThanOrEqual(MAX_AGE_DAYS);
});
