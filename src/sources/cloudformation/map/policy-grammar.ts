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
import { type Unknown, unknown } from '../../../model/values.js';
import { intrinsicName } from '../intrinsic-values.js';
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

/**
 * The versions of the policy language IAM takes (IAM User Guide, "IAM JSON policy elements: Version", and the
 * grammar's `<version_block> = "Version" : ("2008-10-17" | "2012-10-17")`); a document without one is 2008-10-17.
 */
const POLICY_VERSIONS: ReadonlySet<string> = new Set(['2012-10-17', '2008-10-17']);

/** `text`, `a list`, `a number`: what a value written where a statement goes is, in words. */
function whatItIs(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'text' : `a ${typeof value}`;
}

/** A value written as it is: not an intrinsic (a parameter, an `!If`), whose value a deploy may choose. */
function isWritten(raw: unknown): boolean {
  return raw === null || typeof raw !== 'object' || Array.isArray(raw) || intrinsicName(raw) === undefined;
}

/**
 * A written value that is no statement: not a mapping (text, a number, a list, an empty item). An intrinsic is a
 * mapping, so none of these is one: each is written as it is (isWritten).
 */
function isNoStatement(raw: unknown): boolean {
  return raw !== undefined && (raw === null || typeof raw !== 'object' || Array.isArray(raw));
}

const STATEMENT_SHAPE = 'a statement (a mapping of Effect, Action and Resource)';

/**
 * Reports what makes IAM reject an identity policy document whole, as template errors at the node: a Version other
 * than the two IAM knows, a Statement that is not a statement or a list of them (IAM User Guide, "IAM JSON policy
 * elements: Statement": each statement is enclosed in braces), or an item of the list that is not one. `label`
 * names the document (`inline policy p`). Only values written as they are: one an intrinsic gives may be anything
 * at deploy. Returns the document's value for the checks when IAM rejects it (they cannot tell what it grants:
 * nothing, as the stack fails, until it is fixed to something), else undefined.
 */
export function checkIdentityDocument(
  ctx: MapContext,
  doc: Record<string, unknown>,
  label: string,
): Unknown | undefined {
  if (Object.keys(doc).some((key) => key.startsWith('Fn::'))) return undefined;
  const problems: string[] = [];
  const version = doc.Version;
  if (Object.hasOwn(doc, 'Version') && isWritten(version) && !POLICY_VERSIONS.has(String(version))) {
    const shown =
      typeof version === 'string' || typeof version === 'number' ? String(version) : whatItIs(version);
    ctx.writtenError(
      doc,
      'Version',
      `${label} has Version ${shown}, which IAM does not know (it takes 2012-10-17 or 2008-10-17): ${rejected()}`,
    );
    problems.push(`its Version is ${shown}`);
  }
  const statement = doc.Statement;
  if (isNoStatement(statement) && !Array.isArray(statement)) {
    ctx.writtenError(
      doc,
      'Statement',
      `${label} has a Statement that is ${whatItIs(statement)}, not ${STATEMENT_SHAPE} or a list of them: ${rejected()}`,
    );
    problems.push(`its Statement is ${whatItIs(statement)}, not a statement`);
  }
  if (Array.isArray(statement)) {
    statement.forEach((item, index) => {
      if (!isNoStatement(item)) return;
      ctx.writtenError(
        statement,
        index,
        `${label}, Statement[${index}] is ${whatItIs(item)}, not ${STATEMENT_SHAPE}: ${rejected()}`,
      );
      problems.push(`its Statement[${index}] is ${whatItIs(item)}, not a statement`);
    });
  }
  return problems.length === 0
    ? undefined
    : unknown(`IAM rejects it (${problems.join('; ')}; see the scan error)`);
}
