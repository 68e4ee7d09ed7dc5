import { listedWithAnd } from '../../../findings/words.js';
import type { ExpansionContext } from './context.js';
import { DEAD_LETTER_ACTIONS, tagList } from './function-properties.js';
import { isKnownPathedPolicy, managedPolicyArnFor } from './managed-policies.js';
import { expandPolicyTemplate, isPolicyTemplateName, policyTemplateParameters } from './policy-templates.js';
import type { SamResource } from './sam-resource.js';
import {
  deepEqual,
  describe,
  has,
  ifParts,
  isIntrinsic,
  isNoValue,
  isObject,
  isSet,
  type JsonObject,
} from './shapes.js';
import type { Origin } from './types.js';

/**
 * The execution role SAM generates as `<Id>Role` when a function has no `Role`
 * (samtranslator/model/role_utils/role_constructor.py). Event sources add managed policies and inline policies to
 * it after it is built, so its lists stay open until `finish()`.
 */
export class ExecutionRole {
  readonly id: string;
  readonly managedPolicyArns: unknown[] = [];
  readonly policies: unknown[] = [];
  readonly properties: JsonObject;
  private readonly ctx: ExpansionContext;

  constructor(sam: SamResource, leadingPolicies: readonly JsonObject[]) {
    this.id = `${sam.id}Role`;
    this.ctx = sam.ctx;
    const props = sam.properties;
    const trust = isSet(props.AssumeRolePolicyDocument)
      ? props.AssumeRolePolicyDocument
      : lambdaTrustPolicy();
    this.managedPolicyArns.push(...defaultManagedPolicies(sam));
    this.policies.push(...leadingPolicies);
    addUserPolicies(sam, this);
    this.properties = {
      AssumeRolePolicyDocument: trust,
      ManagedPolicyArns: this.managedPolicyArns,
      Policies: this.policies,
    };
    if (props.RolePath !== undefined && props.RolePath !== null) this.properties.Path = props.RolePath;
    if (props.PermissionsBoundary !== undefined && props.PermissionsBoundary !== null) {
      this.properties.PermissionsBoundary = props.PermissionsBoundary;
    }
    this.properties.Tags = tagList(sam, props.Tags);
  }

  get arn(): JsonObject {
    return { 'Fn::GetAtt': [this.id, 'Arn'] };
  }

  /** Adds `arn` unless attached already; `where`, the `Policies` entry it was written as, locates it. */
  addManagedPolicy(arn: unknown, where?: Origin): void {
    if (this.managedPolicyArns.some((existing) => deepEqual(existing, arn))) return;
    this.managedPolicyArns.push(arn);
    if (where === undefined) return;
    // An object (an `Fn::Sub` made from a name) is derived from `where`; text (an ARN written out) has no identity.
    if (arn !== null && typeof arn === 'object') this.ctx.derive(arn, where);
    else this.ctx.deriveItem(this.managedPolicyArns, this.managedPolicyArns.length - 1, where);
  }

  /** An inline policy an event source needs; skipped when the same document is already attached. */
  addPolicy(policy: JsonObject): void {
    const document = policy.PolicyDocument;
    const duplicate = this.policies.some(
      (existing) =>
        deepEqual(existing, policy) || (isObject(existing) && deepEqual(existing.PolicyDocument, document)),
    );
    if (!duplicate) this.policies.push(policy);
  }

  /** Drops the empty Policies list, as SAM does (`Policies = policy_documents or None`). */
  finish(): void {
    if (this.policies.length === 0) delete this.properties.Policies;
  }
}

function lambdaTrustPolicy(): JsonObject {
  return serviceTrustPolicy('lambda.amazonaws.com');
}

export function serviceTrustPolicy(service: string): JsonObject {
  return {
    Version: '2012-10-17',
    Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: [service] } }],
  };
}

function defaultManagedPolicies(sam: SamResource): unknown[] {
  const { ctx, properties: props } = sam;
  const basic = isSet(props.DurableConfig)
    ? 'AWSLambdaBasicDurableExecutionRolePolicy'
    : 'AWSLambdaBasicExecutionRole';
  const arns = [ctx.managedPolicyArn(`service-role/${basic}`)];
  if (isSet(props.Tracing) && props.Tracing !== 'Disabled') {
    // The translator picks the older X-Ray policy name in the aws partition, the newer one elsewhere.
    const partition = ctx.options.partition ?? 'aws';
    arns.push(
      ctx.managedPolicyArn(partition === 'aws' ? 'AWSXrayWriteOnlyAccess' : 'AWSXRayDaemonWriteAccess'),
    );
  }
  if (isSet(props.VpcConfig)) arns.push(ctx.managedPolicyArn('service-role/AWSLambdaVPCAccessExecutionRole'));
  return arns;
}

/** The DeadLetterQueue policy SAM puts first in the role's Policies. */
export function deadLetterPolicy(sam: SamResource): JsonObject | undefined {
  const dlq = sam.properties.DeadLetterQueue;
  if (
    !isObject(dlq) ||
    typeof dlq.Type !== 'string' ||
    !has(DEAD_LETTER_ACTIONS, dlq.Type) ||
    !isSet(dlq.TargetArn)
  ) {
    return undefined;
  }
  const policy = {
    PolicyName: 'DeadLetterQueuePolicy',
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: DEAD_LETTER_ACTIONS[dlq.Type], Resource: dlq.TargetArn, Effect: 'Allow' }],
    },
  };
  return sam.ctx.derive(policy, { node: dlq });
}

type PolicyKind = 'managed' | 'statement' | 'template' | 'unknown' | 'novalue';

/** `Policies` as a list of entries: a single string or map stands for a list of one. */
function policyEntries(sam: SamResource): unknown[] {
  const policies = sam.properties.Policies;
  if (!isSet(policies)) return [];
  if (Array.isArray(policies)) return policies;
  if (typeof policies === 'string' || isObject(policies)) return [policies];
  const origin = sam.origin('Policies');
  sam.ctx.issue(
    `${sam.id}: Policies must be a string, a map or a list, not ${describe(policies)}; ignored`,
    origin.node,
    origin.key,
  );
  return [];
}

function addUserPolicies(sam: SamResource, role: ExecutionRole): void {
  const entries = policyEntries(sam);
  const listNode = sam.origin('Policies');
  entries.forEach((entry, index) => {
    const where: Origin = Array.isArray(sam.properties.Policies)
      ? { node: sam.properties.Policies, key: index }
      : listNode;
    const kind = policyKind(entry);
    // The ARN made from the entry (an `Fn::Sub`) remembers it: a finding on the policy points there.
    if (kind === 'managed') role.addManagedPolicy(managedArn(sam, entry, where), where);
    else if (kind === 'statement' || kind === 'template') {
      const policy = inlinePolicy(sam, entry, `${role.id}Policy${index}`, where);
      if (policy !== undefined) role.policies.push(policy);
    } else {
      // SAM's role constructor raises InvalidResourceException for such an entry: the whole transform fails.
      const misplaced = misplacedParameters(entry);
      const hint =
        misplaced === undefined
          ? ''
          : `: indent ${listedWithAnd(misplaced.parameters)} under ${misplaced.template}`;
      sam.ctx.issue(
        `${sam.id}: Policy at index ${index} in the 'Policies' property is not valid: ${explain(entry, misplaced)}; ` +
          `the SAM transform fails on it (Parapet read the role without it)${hint}`,
        where.node,
        where.key,
      );
    }
  });
}

/** How SAM classifies a `Policies` entry (samtranslator/model/resource_policies.py, with policy templates known). */
function policyKind(entry: unknown): PolicyKind {
  if (typeof entry === 'string') return 'managed';
  if (isNoValue(entry)) return 'novalue';
  const parts = ifParts(entry);
  if (parts !== undefined) {
    const [, then, otherwise] = parts;
    const thenKind = policyKind(then);
    const elseKind = policyKind(otherwise);
    if (thenKind === elseKind) return thenKind === 'novalue' ? 'unknown' : thenKind;
    if (thenKind === 'novalue') return elseKind;
    if (elseKind === 'novalue') return thenKind;
    return 'unknown';
  }
  if (isIntrinsic(entry)) return 'managed';
  if (isObject(entry) && has(entry, 'Statement')) return 'statement';
  if (
    isObject(entry) &&
    Object.keys(entry).length === 1 &&
    isPolicyTemplateName(Object.keys(entry)[0] as string)
  ) {
    return 'template';
  }
  return 'unknown';
}

/**
 * A policy template written with its parameters beside it rather than under it (`- DynamoDBCrudPolicy:` then
 * `TableName:` at the same indent, a map of two keys): the template's name and its parameters there, in words.
 */
function misplacedParameters(
  entry: unknown,
): { template: string; parameters: readonly string[] } | undefined {
  if (!isObject(entry) || isIntrinsic(entry)) return undefined;
  const keys = Object.keys(entry);
  const templates = keys.filter(isPolicyTemplateName);
  const template = templates[0];
  if (templates.length !== 1 || template === undefined || keys.length < 2) return undefined;
  const parameters = keys.filter((key) => key !== template);
  const taken = policyTemplateParameters(template);
  if (!parameters.every((key) => taken.includes(key))) return undefined;
  return { template, parameters };
}

/** Why SAM refuses the entry; `misplaced` is its misplacedParameters. */
function explain(entry: unknown, misplaced: ReturnType<typeof misplacedParameters>): string {
  if (misplaced !== undefined) {
    const { template, parameters } = misplaced;
    const what = parameters.length > 1 ? 'parameters' : 'a parameter';
    return `it is a map of ${template}, a policy template, and ${listedWithAnd(parameters)}, ${what} of it`;
  }
  if (isObject(entry) && !isIntrinsic(entry) && Object.keys(entry).length === 1) {
    return `'${Object.keys(entry)[0]}' is not a policy template SAM knows`;
  }
  if (ifParts(entry) !== undefined) return 'Fn::If with different policy types (or none) in its branches';
  if (isObject(entry) && has(entry, 'Fn::If')) return 'malformed Fn::If';
  return `it is ${describe(entry)}, neither a policy name or ARN, a policy document nor a policy template`;
}

/** A managed policy name or ARN, an intrinsic (kept as it is) or an `Fn::If` of those. */
function managedArn(sam: SamResource, entry: unknown, where: Origin): unknown {
  if (typeof entry === 'string') {
    if (!entry.startsWith('arn:') && !isKnownPathedPolicy(entry) && !/^[\w+=,.@-]+$/.test(entry)) {
      sam.ctx.issue(
        `${sam.id}: '${entry}' in Policies is neither an ARN nor a managed policy name`,
        where.node,
        where.key,
      );
      return entry; // SAM leaves such a string as it is (CloudFormation then rejects it)
    }
    return managedPolicyArnFor(entry, sam.ctx);
  }
  const parts = ifParts(entry);
  if (parts === undefined) return entry;
  const [condition, then, otherwise] = parts;
  const convert = (branch: unknown) =>
    typeof branch === 'string' ? managedPolicyArnFor(branch, sam.ctx) : branch;
  return sam.ctx.derive({ 'Fn::If': [condition, convert(then), convert(otherwise)] }, where);
}

/** `{ PolicyName, PolicyDocument }` for a policy document or a policy template, or an `Fn::If` of those. */
function inlinePolicy(sam: SamResource, entry: unknown, name: string, where: Origin): unknown {
  const parts = ifParts(entry);
  if (parts !== undefined) {
    const [condition, then, otherwise] = parts;
    const branch = (value: unknown) => (isNoValue(value) ? value : inlinePolicy(sam, value, name, where));
    const thenPolicy = branch(then);
    const elsePolicy = branch(otherwise);
    if (thenPolicy === undefined || elsePolicy === undefined) return undefined;
    return sam.ctx.derive({ 'Fn::If': [condition, thenPolicy, elsePolicy] }, where);
  }
  const document = policyDocument(sam, entry, where);
  if (document === undefined) return undefined;
  const policy = sam.ctx.derive({ PolicyName: name, PolicyDocument: document }, where);
  // policyKind made sure a policy template entry has one key, the template's name.
  if (isObject(entry) && !has(entry, 'Statement'))
    sam.ctx.policyTemplates.set(policy, Object.keys(entry)[0] as string);
  return policy;
}

function policyDocument(sam: SamResource, entry: unknown, where: Origin): unknown {
  if (!isObject(entry)) return undefined;
  if (has(entry, 'Statement')) return entry;
  const templateName = Object.keys(entry)[0] as string;
  const result = expandPolicyTemplate(templateName, entry[templateName]);
  if (!result.ok) {
    sam.ctx.issue(`${sam.id}: ${result.message}; the policy was left out`, where.node, where.key);
    return undefined;
  }
  const origin = { node: entry, key: templateName };
  // Each statement too: checks point at statements, and these have no place of their own.
  const statements = isObject(result.document) ? result.document.Statement : undefined;
  if (Array.isArray(statements)) for (const statement of statements) sam.ctx.derive(statement, origin);
  return sam.ctx.derive(result.document, origin);
}
