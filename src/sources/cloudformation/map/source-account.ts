import { invalid, isUnknown, type Value } from '../../../model/values.js';
import type { MapContext } from './context.js';

/**
 * A permission's SourceAccount. Lambda's AddPermission takes an account id there, at most 12 characters of pattern
 * `\d{12}` (Lambda API Reference, AddPermission, SourceAccount: the SourceOwner shape), so exactly 12 digits: any
 * other known text (`9012345678`) is a scan error at the value, and invalid to the checks, which then count it as
 * pinning no account. An empty text is left as it is (it pins nothing either). A number YAML read from unquoted
 * digits may have lost leading zeros (`012345678901` is 12345678901): the error says to quote it.
 */
export function sourceAccount(ctx: MapContext, p: Record<string, unknown>): Value<string | undefined> {
  const raw = p.SourceAccount;
  const account = ctx.string(raw);
  if (account === undefined || isUnknown(account) || account === '' || /^\d{12}$/.test(account))
    return account;
  const parameters = [...ctx.resolver.valueParameters(raw)];
  const from = parameters.length === 0 ? '' : ` (from parameter ${parameters.join(', ')})`;
  const number =
    typeof raw === 'number'
      ? ' (YAML reads it as a number: write an account id in quotes, with any leading zeros)'
      : '';
  ctx.reject(
    p,
    'SourceAccount',
    ['SourceAccount'],
    `is ${account}${from}, not a 12-digit AWS account id${number}: Lambda rejects the permission ` +
      '(AddPermission takes 12 digits) and the stack fails to deploy',
  );
  return invalid(`${account}, not a 12-digit AWS account id`);
}
