/**
 * What IAM refuses in a statement of an identity policy (a role's inline policy, AWS::IAM::Policy,
 * AWS::IAM::ManagedPolicy, a SAM function's Policies statements). CloudFormation passes a policy document to IAM
 * as JSON, so the template's schema lets any of this through; IAM then rejects the document
 * (MalformedPolicyDocument) and the stack fails to deploy. The grammar is the IAM JSON policy language's
 * (IAM User Guide, "Grammar of the IAM JSON policy language"): a statement holds Sid, Effect, Action or NotAction,
 * Resource or NotResource, and Condition; element names are case sensitive ("Unknown field statement"). Principal
 * and NotPrincipal belong to resource-based and trust policies: IAM refuses them in an identity policy ("Has
 * prohibited field Principal").
 */
import { closest } from '../../../config/names.js';
import { listedWithAnd } from '../../../findings/words.js';
import type { MapContext } from './context.js';

const IDENTITY_ELEMENTS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
const PRINCIPAL_ELEMENTS = new Set(['Principal', 'NotPrincipal']);
/** `IAM rejects the policy (MalformedPolicyDocument: "Unknown field Actions") and the stack fails to deploy`. */
function rejected(said?: string): string {
  const detail = said === undefined ? '' : `: "${said}"`;
  return `IAM rejects the policy (MalformedPolicyDocument${detail}) and the stack fails to deploy`;
}

/** The pairs a statement needs one of, and must not hold both of. */
const PAIRS = [
  ['Action', 'NotAction'],
  ['Resource', 'NotResource'],
] as const;

/**
 * Reports what IAM refuses in a statement of an identity policy as template errors: each key that is not an
 * element (at the key, naming the element a misspelt key meant: `Actions` → Action), a Principal, a missing
 * Effect, Action/NotAction or Resource/NotResource (at the statement, unless a misspelt key already says so),
 * and both of a pair. `label` names the statement (`inline policy app, Statement[0]`). Keys are judged as
 * written: a statement holding an `Fn::` key (a transform) may gain any, and is left alone.
 */
export function checkIdentityStatement(
  ctx: MapContext,
  statement: Record<string, unknown>,
  label: string,
): void {
  const keys = Object.keys(statement);
  if (keys.some((key) => key.startsWith('Fn::'))) return;
  const meant = new Set<string>();
  for (const key of keys) {
    if (IDENTITY_ELEMENTS.includes(key)) continue;
    if (PRINCIPAL_ELEMENTS.has(key)) {
      ctx.writtenError(
        statement,
        key,
        `${label} has ${key}, which an identity policy cannot have: ${rejected(`Has prohibited field ${key}`)}. ` +
          'The role the policy is attached to is its principal; who may assume the role goes in its ' +
          'AssumeRolePolicyDocument',
      );
      continue;
    }
    const guess = closest(key, IDENTITY_ELEMENTS);
    if (guess !== undefined) meant.add(guess);
    const hint =
      guess === undefined ? ` (it holds ${IDENTITY_ELEMENTS.join(', ')})` : ` (did you mean ${guess}?)`;
    ctx.writtenError(
      statement,
      key,
      `${label} has ${key}, which is not an element of an IAM policy statement${hint}: ${rejected(`Unknown field ${key}`)}`,
    );
  }
  const has = (key: string) => Object.hasOwn(statement, key);
  const missing: string[] = [];
  if (!has('Effect') && !meant.has('Effect')) missing.push('Effect');
  for (const [element, notElement] of PAIRS) {
    if (has(element) && has(notElement)) {
      ctx.writtenError(
        statement,
        notElement,
        `${label} has both ${element} and ${notElement}, which exclude each other: ${rejected()}`,
      );
    }
    if (!has(element) && !has(notElement) && !meant.has(element) && !meant.has(notElement))
      missing.push(`${element} or ${notElement}`);
  }
  if (missing.length > 0)
    ctx.writtenError(
      statement,
      undefined,
      `${label} has ${listedWithAnd(missing.map((item) => `no ${item}`))}: ${rejected()}`,
    );
}
