/**
 * What IAM refuses in a policy document CloudFormation hands it: an identity policy (a role's inline policy,
 * AWS::IAM::Policy, AWS::IAM::ManagedPolicy, a SAM function's Policies statements) or a role's trust policy
 * (AssumeRolePolicyDocument, SAM's included). CloudFormation passes a policy document to IAM as JSON, so the
 * template's schema lets any of this through; IAM then rejects the document (MalformedPolicyDocument) and the stack
 * fails to deploy. The grammar is the IAM JSON policy language's (IAM User Guide, "Grammar of the IAM JSON policy
 * language"): a statement holds Sid, Effect, Principal or NotPrincipal, Action or NotAction, Resource or
 * NotResource, and Condition; element names are case sensitive ("Unknown field statement"). What each kind of
 * policy takes of them (IAM User Guide, "AWS JSON policy elements: Principal" and "...: NotPrincipal"):
 * - identity: no Principal or NotPrincipal ("You cannot use the Principal element in an identity-based policy";
 *   IAM says "Has prohibited field Principal"), and a Resource or NotResource;
 * - trust (the IAM resource-based policy type): a Principal ("You must use the Principal element in resource-based
 *   policies. [...] The IAM resource-based policy type is a role trust policy"), never a NotPrincipal ("You cannot
 *   use the NotPrincipal element in an IAM identity-based policy nor in an IAM role trust policy"), and no
 *   Resource or NotResource: the role is the resource it guards, and IAM refuses either ("MalformedPolicyDocument:
 *   Has prohibited field Resource", what CreateRole and UpdateAssumeRolePolicy answer).
 */
import { closest } from '../../../config/names.js';
import { listedWithAnd } from '../../../findings/words.js';
import { type Unknown, unknown } from '../../../model/values.js';
import { intrinsicName } from '../intrinsic-values.js';
import type { MapContext } from './context.js';

/** The kind of policy a document is, and how errors name it (`inline policy app`, `AssumeRolePolicyDocument`). */
export interface PolicyGrammar {
  readonly kind: 'identity' | 'trust';
  readonly label: string;
}

/** Why IAM refuses an element in a kind of policy, and the element it is written in place of (if any). */
interface Refusal {
  readonly said: string;
  readonly standsFor?: string;
}

/** What a statement of one kind of policy may hold, must hold, and must not. */
interface StatementRules {
  readonly elements: readonly string[];
  /**
   * An element of the language this kind refuses: why, with what to write instead, and the element it is written
   * in place of (a NotPrincipal for the Principal: the statement is not then also said to have none).
   */
  readonly prohibited: ReadonlyMap<string, Refusal>;
  /** Each entry one element, or a pair of which one is needed. */
  readonly required: readonly (readonly string[])[];
  /** What a statement is, in words. */
  readonly shape: string;
}

const IDENTITY_RULES: StatementRules = {
  elements: ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'],
  prohibited: new Map(
    ['Principal', 'NotPrincipal'].map((key) => [
      key,
      {
        said:
          `which an identity policy cannot have: ${rejected(`Has prohibited field ${key}`)}. The role the ` +
          'policy is attached to is its principal; who may assume the role goes in its AssumeRolePolicyDocument',
      },
    ]),
  ),
  required: [['Effect'], ['Action', 'NotAction'], ['Resource', 'NotResource']],
  shape: 'a statement (a mapping of Effect, Action and Resource)',
};

const TRUST_RULES: StatementRules = {
  elements: ['Sid', 'Effect', 'Principal', 'Action', 'NotAction', 'Condition'],
  prohibited: new Map<string, Refusal>([
    [
      'NotPrincipal',
      {
        said:
          `which a role trust policy cannot have: ${rejected()}. Name who may assume the role in a Principal ` +
          '(a Deny for everyone but some principals is a Condition on aws:PrincipalArn)',
        standsFor: 'Principal',
      },
    ],
    ...['Resource', 'NotResource'].map((key): [string, Refusal] => [
      key,
      {
        said:
          `which a role trust policy cannot have: ${rejected(`Has prohibited field ${key}`)}. The role is ` +
          'what a trust policy guards; what the role may act on goes in its permissions policies',
      },
    ]),
  ]),
  required: [['Effect'], ['Principal'], ['Action', 'NotAction']],
  shape: 'a statement (a mapping of Effect, Principal and Action)',
};

const RULES = { identity: IDENTITY_RULES, trust: TRUST_RULES } as const;

/** `IAM rejects the policy (MalformedPolicyDocument: "Unknown field Actions") and the stack fails to deploy`. */
function rejected(said?: string): string {
  const detail = said === undefined ? '' : `: "${said}"`;
  return `IAM rejects the policy (MalformedPolicyDocument${detail}) and the stack fails to deploy`;
}

/** The pairs a statement must not hold both of. */
const PAIRS = [
  ['Action', 'NotAction'],
  ['Resource', 'NotResource'],
] as const;

/**
 * Reports what IAM refuses in a statement of a policy of `grammar`'s kind as template errors: each key that is not
 * an element (at the key, naming the element a misspelt key meant: `Actions` → Action), an element the kind refuses
 * (a Principal in an identity policy, a NotPrincipal in a trust policy), a missing required element (at the
 * statement, unless a misspelt key already says so), and both of a pair. `label` names the statement
 * (`inline policy app, Statement[0]`). Keys are judged as written: a statement holding an `Fn::` key (a transform)
 * may gain any, and is left alone. `rejects`, where given, hears what was wrong, in words, for the reason of an
 * unknown: `has a NotPrincipal`, `has no Principal` (the words are built only for it).
 */
export function checkStatement(
  ctx: MapContext,
  statement: Record<string, unknown>,
  label: string,
  kind: PolicyGrammar['kind'],
  rejects?: (problem: string) => void,
): void {
  const rules = RULES[kind];
  const written = Object.keys(statement);
  if (written.some((key) => key.startsWith('Fn::'))) return;
  // A key an `Fn::If` gives AWS::NoValue in this case of the conditions is not in what IAM gets (the cases where it
  // is are built and judged too: engine/evaluate-template.ts, whose merged error says when).
  const removed = new Map<string, string>();
  for (const key of written) {
    const how = leftOut(ctx, statement[key]);
    if (how !== undefined) removed.set(key, how);
  }
  const keys = removed.size === 0 ? written : written.filter((key) => !removed.has(key));
  const meant = new Set<string>();
  for (const key of keys) {
    if (rules.elements.includes(key)) continue;
    const refused = rules.prohibited.get(key);
    if (refused !== undefined) {
      if (refused.standsFor !== undefined) meant.add(refused.standsFor);
      ctx.writtenError(statement, key, `${label} has ${key}, ${refused.said}`);
      rejects?.(`has a ${key}`);
      continue;
    }
    const guess = closest(key, rules.elements);
    if (guess !== undefined) meant.add(guess);
    const hint =
      guess === undefined ? ` (it holds ${rules.elements.join(', ')})` : ` (did you mean ${guess}?)`;
    ctx.writtenError(
      statement,
      key,
      `${label} has ${key}, which is not an element of an IAM policy statement${hint}: ${rejected(`Unknown field ${key}`)}`,
    );
    rejects?.(`has ${key}, not an element`);
  }
  const has = (key: string) => keys.includes(key);
  for (const [element, notElement] of PAIRS) {
    if (!has(element) || !has(notElement)) continue;
    if (rules.prohibited.has(element)) continue; // each is refused already, at its own key
    ctx.writtenError(
      statement,
      notElement,
      `${label} has both ${element} and ${notElement}, which exclude each other: ${rejected()}`,
    );
    rejects?.(`has both ${element} and ${notElement}`);
  }
  const lacking = rules.required.filter(
    (options) => !options.some((element) => has(element) || meant.has(element)),
  );
  const missing = lacking.map((options) => options.join(' or '));
  if (missing.length > 0) {
    const gone = lacking.flat().find((element) => removed.has(element));
    const how = gone === undefined ? '' : ` (${removed.get(gone)})`;
    ctx.writtenError(
      statement,
      undefined,
      `${label} has ${listedWithAnd(missing.map((item) => `no ${item}`))}${how}: ${rejected()}`,
    );
    if (rejects) for (const item of missing) rejects(`has no ${item}`);
  }
}

/**
 * How a statement's value removes its key, in words, when it does: an `Fn::If` that gives AWS::NoValue in this case
 * of the conditions, or a written `!Ref AWS::NoValue` (CloudFormation removes the key either way); undefined when it
 * does not. Only an `Fn::If` is resolved, so a statement costs little.
 */
function leftOut(ctx: MapContext, raw: unknown): string | undefined {
  const fn = intrinsicName(raw);
  if (fn === 'Ref' && (raw as Record<string, unknown>).Ref === 'AWS::NoValue')
    return '!Ref AWS::NoValue removes it';
  if (fn === 'Fn::If' && ctx.resolver.shallow(raw) === undefined) return 'an Fn::If gives AWS::NoValue';
  return undefined;
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

/**
 * Reports what makes IAM reject a policy document whole, as template errors at the node: a Version other
 * than the two IAM knows, a Statement that is not a statement or a list of them (IAM User Guide, "IAM JSON policy
 * elements: Statement": each statement is enclosed in braces), or an item of the list that is not one. `label`
 * names the document (`inline policy p`). Only values written as they are: one an intrinsic gives may be anything
 * at deploy. Returns what IAM rejects, in words, for the checks' unknown (they cannot tell what it grants:
 * nothing, as the stack fails, until it is fixed to something); empty when nothing.
 */
export function checkPolicyDocument(
  ctx: MapContext,
  doc: Record<string, unknown>,
  { kind, label }: PolicyGrammar,
): string[] {
  const shape = RULES[kind].shape;
  if (Object.keys(doc).some((key) => key.startsWith('Fn::'))) return [];
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
      `${label} has a Statement that is ${whatItIs(statement)}, not ${shape} or a list of them: ${rejected()}`,
    );
    problems.push(`its Statement is ${whatItIs(statement)}, not a statement`);
  }
  if (Array.isArray(statement)) {
    statement.forEach((item, index) => {
      if (!isNoStatement(item)) return;
      ctx.writtenError(
        statement,
        index,
        `${label}, Statement[${index}] is ${whatItIs(item)}, not ${shape}: ${rejected()}`,
      );
      problems.push(`its Statement[${index}] is ${whatItIs(item)}, not a statement`);
    });
  }
  return problems;
}

/** The checks' value of a document IAM rejects for `problems` (what checkPolicyDocument and checkStatement say). */
export function rejectedDocument(problems: readonly string[]): Unknown {
  return unknown(`IAM rejects it (${problems.join('; ')}; see the scan error)`);
}
