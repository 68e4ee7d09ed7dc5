import { invalid, isUnknown, unknown, type Value } from '../../../model/values.js';
import type { MapContext } from './context.js';
import { fromWhat } from './event-source-arn.js';

/**
 * A permission's SourceAccount. Lambda's AddPermission takes an account id there, at most 12 characters of pattern
 * `\d{12}` (Lambda API Reference, AddPermission, SourceAccount: the SourceOwner shape), so exactly 12 digits: any
 * other known text (`9012345678`) is a scan error at the value, and invalid to the checks, which then count it as
 * pinning no account. An empty text is left as it is (it pins nothing either). A number of fewer than 12 digits,
 * YAML's reading of unquoted digits, may have lost leading zeros (`012345678901` is 12345678901 to Parapet's YAML
 * 1.2 reader; whether CloudFormation's reader keeps them is not documented): not known, and no error.
 */
export function sourceAccount(ctx: MapContext, p: Record<string, unknown>): Value<string | undefined> {
  const raw = p.SourceAccount;
  const account = ctx.string(raw);
  if (account === undefined || isUnknown(account) || account === '' || /^\d{12}$/.test(account))
    return account;
  if (typeof raw === 'number' && /^\d{1,11}$/.test(account))
    return unknown(
      `the number ${account}: an account id written without quotes may have lost its leading zeros (write it in quotes)`,
    );
  const { from } = fromWhat(ctx, raw);
  ctx.reject(
    p,
    'SourceAccount',
    ['SourceAccount'],
    `is ${account}${from}, not a 12-digit AWS account id: Lambda rejects the permission ` +
      '(AddPermission takes 12 digits) and the stack fails to deploy',
  );
  return invalid(`${account}, not a 12-digit AWS account id`);
}
