/**
 * The account a service permission is pinned to: what SourceAccount names, and the account field of SourceArn.
 * A service (events.amazonaws.com, sns.amazonaws.com) acts for whoever owns the rule, topic or bucket that invokes:
 * pinned to an account, the permission lets every such resource of that account invoke the function.
 */
import { type AnalysisOptions, instantiate, OPAQUE, SELF_ACCOUNT } from '../../iam/templates.js';
import type { LambdaPermission } from '../../model/lambda.js';
import { isUnknown, type Value } from '../../model/values.js';

/** One property pinning the account: the account (or why it is not known before deploy), and the text written. */
export interface AccountPin {
  readonly property: 'SourceAccount' | 'SourceArn';
  /** The 12-digit id, SELF_ACCOUNT for the stack's own (as instantiate reads `${AWS::AccountId}`), or unknown. */
  readonly account: Value<string>;
  readonly written: string;
}

/**
 * The account pins of a service permission. SourceArn pins an account only through its account field: an S3
 * bucket ARN holds none (`arn:aws:s3:::uploads`: then only SourceAccount tells), and a wildcard there pins no one
 * account (lambda.permission-confused-deputy reports both). A SourceArn that is wholly a resource of the scanned
 * stacks (`!GetAtt Rule.Arn`) is in the account the stack is deployed to.
 */
export function accountPins(
  permission: Pick<LambdaPermission, 'sourceAccount' | 'sourceArn'>,
  options: AnalysisOptions,
): AccountPin[] {
  const pins: AccountPin[] = [];
  const { sourceAccount, sourceArn } = permission;
  if (sourceAccount !== undefined) {
    const account = accountText(sourceAccount, options);
    if (account !== undefined)
      pins.push({ property: 'SourceAccount', account, written: written(sourceAccount) });
  }
  if (sourceArn !== undefined) {
    const account = arnAccount(sourceArn, options);
    if (account !== undefined) pins.push({ property: 'SourceArn', account, written: written(sourceArn) });
  }
  return pins;
}

function written(value: Value<string>): string {
  return isUnknown(value) ? (value.template ?? `<${value.reason}>`) : value;
}

/** SourceAccount as an account: its text, `${AWS::AccountId}` as the stack's own, unknown for the rest. */
function accountText(value: Value<string>, options: AnalysisOptions): Value<string> | undefined {
  const text = instantiate(value, 'narrow', options);
  if (text === undefined || text.includes(OPAQUE)) return isUnknown(value) ? value : undefined;
  return text === '' ? undefined : text;
}

/** The account field of SourceArn; undefined when it names none (an S3 bucket ARN, a wildcard, not an ARN). */
function arnAccount(value: Value<string>, options: AnalysisOptions): Value<string> | undefined {
  // The model gives a resource of the template (`!GetAtt Rule.Arn`, `!Ref Topic`) as its logical id (see
  // MapContext.reference): like one of another scanned stack, it is in the account the stack is deployed to.
  // A text that is neither an ARN nor a logical id (`*`, a wildcard) pins no account. (The inventory holds only the
  // resources Parapet models, not every id of the template: an `AWS::Events::Rule` is not in it.)
  const ownResource = isUnknown(value)
    ? value.stackResource !== undefined || wholeResource(value, options)
    : LOGICAL_ID.test(value);
  if (ownResource) return options.selfAccount ?? SELF_ACCOUNT;
  const text = instantiate(value, 'narrow', options);
  if (text === undefined) return isUnknown(value) ? value : undefined;
  if (text === OPAQUE) return isUnknown(value) ? value : undefined;
  const parts = text.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return undefined;
  const account = parts[4] as string;
  if (account.includes(OPAQUE)) return isUnknown(value) ? value : undefined;
  return account === '' || /[*?]/.test(account) ? undefined : account;
}

/** What CloudFormation allows as a logical id: letters and digits. */
const LOGICAL_ID = /^[A-Za-z0-9]+$/;

/** `${Rule.Arn}` or `${Topic}`: a resource of the template, wholly (not a parameter, not an import). */
function wholeResource(value: Value<string>, options: AnalysisOptions): boolean {
  if (!isUnknown(value)) return false;
  const whole = /^\$\{([^}]+)\}$/.exec(value.template ?? '');
  if (!whole) return false;
  const inner = whole[1] as string;
  if (inner.includes('.Outputs.')) return false; // a nested stack's output may be any ARN
  const name = inner.split('.')[0] as string;
  return value.resources?.includes(name) === true || options.inventory?.resolve(name) !== undefined;
}
