import { LEAST_PRIVILEGE } from '../../compliance/least-privilege.js';
import {
  type BroadActionHit,
  broadActionGrants,
  type DeniedGrant,
  type IamEntity,
  isAdministratorGrant,
  type NamedLeftGrant,
  type PolicyInput,
  type UncertainDeny,
} from '../../iam/index.js';
import type { IamRole, Statement } from '../../model/iam.js';
import type { Inventory } from '../../model/inventory.js';
import { defineCheck } from '../define.js';
import { weighedKeys } from './action-weighed.js';
import { conditionalDenyWords, denyLabel } from './deny-words.js';
import { BOUNDARY_DETAILS, mayAllowAction, withinBoundary } from './permissions-boundary.js';
import { ACTION_LISTS, deployedHits } from './policy-copies.js';
import {
  AWS_MANAGED_DETAILS,
  conditionNote,
  customerPolicies,
  groupHits,
  leftToAdminCheck,
  reasonsOf,
  statementChecksSkip,
  unknownMessage,
} from './policy-hits.js';
import { deniedEverywhere, escalationLeft, escalationPath, selfEscalationWords } from './self-escalation.js';

/** `the Deny of inline policy app, Statement[1] cancels all of it but s3:*`: what a Deny's NotAction leaves of a hit. */
function leftWords(hit: BroadActionHit, role: IamRole): string | undefined {
  // What a NotResource leaves is said by limitWords, on the resources it keeps.
  if (hit.answer !== 'yes' || hit.left === undefined || hit.left.onKept !== undefined) return undefined;
  const denies = hit.left.by.map((deny) => denyLabel(deny, role));
  const verb = denies.length === 1 ? 'cancels' : 'cancel';
  return `${denies.join(' and ')} ${verb} all of it but ${hit.left.patterns.join(', ')}`;
}

const ENTITY_WORDS: Readonly<Record<IamEntity, string>> = {
  role: 'that role',
  user: 'that user',
  group: 'that group',
  policy: 'that policy',
};

/**
 * `the Deny of inline policy app, Statement[1] limits it to ${AdminRole.Arn}`, and when what is left there changes
 * an IAM entity's permissions, why that is no limit (see escalationOn); where only Denies not known before deploy may
 * take those actions back, that it may be none, unless one of them does, and what of each is not known.
 */
function limitWords(hit: BroadActionHit, role: IamRole, escalates: boolean): string | undefined {
  if (hit.answer !== 'yes' || hit.limitedBy === undefined) return undefined;
  const { by, only, escalation } = hit.limitedBy;
  const limits = `${denyLabel(by, role)} limits it to ${only}`;
  if (escalation === undefined || !escalates) return limits;
  // `arn:aws:iam::*:role/*` is every role: any of them, this one included.
  const through = escalation.entities
    .map((entity) => (escalation.every?.includes(entity) ? `any ${entity}` : ENTITY_WORDS[entity]))
    .join(' or ');
  const unless = escalation.unlessDenied;
  return (
    `${limits}, where it keeps ${[...escalation.actions].sort().join(', ')}: it ${unless ? 'may' : 'can'} give ` +
    `${through} any permission (privilege escalation through ${through})` +
    (unless ? `, unless ${unlessWords(unless, role)}` : '')
  );
}

/**
 * ` (the Deny of inline policy app, Statement[1] cancels sqs:*; the Deny of inline policy app, Statement[2] limits s3:*
 * to s3:GetObject)`: the wildcard grants Denies cancel, and those their NotActions leave named actions alone, or ''.
 */
function takenBackWords(
  denied: readonly DeniedGrant[],
  namedLeft: readonly NamedLeftGrant[],
  role: IamRole,
): string {
  const byDeny = new Map<string, Set<string>>();
  for (const { value, by } of denied) {
    const label = denyLabel(by, role);
    byDeny.set(label, (byDeny.get(label) ?? new Set()).add(value));
  }
  const cancels = [...byDeny].map(([label, values]) => `${label} cancels ${[...values].join(', ')}`);
  const limits = namedLeft.map(({ value, left }) => {
    const denies = [...new Set(left.by.map((deny) => denyLabel(deny, role)))];
    const verb = denies.length === 1 ? 'limits' : 'limit';
    return `${denies.join(' and ')} ${verb} ${value} to ${left.patterns.join(', ')}`;
  });
  const words = [...cancels, ...new Set(limits)];
  return words.length > 0 ? ` (${words.join('; ')})` : '';
}

/** Whether a boundary's hit may allow an action (see mayAllowAction): an Allow with NotAction may allow any. */
function mayAllow(hit: BroadActionHit, action: string): boolean {
  return hit.kind === 'not-action' || mayAllowAction(hit, action);
}

/** Whether the boundary (its hits `allowed`, undefined when there is none or it is not read) may allow one of `actions`. */
function boundaryMayAllow(
  actions: readonly string[],
  allowed: readonly BroadActionHit[] | undefined,
): boolean {
  return allowed === undefined || allowed.some((other) => actions.some((action) => mayAllow(other, action)));
}

/** `the Deny of ... cancels it: the Action of that Deny is not known ...`, each Deny once, joined by `, or `. */
function unlessWords(denies: readonly UncertainDeny[], role: IamRole): string {
  const doubts = new Map<UncertainDeny['by'], Set<string>>();
  for (const { by, doubts: its } of denies) doubts.set(by, new Set([...(doubts.get(by) ?? []), ...its]));
  return [...doubts]
    .map(([by, its]) => `${denyLabel(by, role)} cancels it: ${[...its].join('; ')}`)
    .join(', or ');
}

/**
 * What a hit a Deny's NotResource limits to an IAM entity keeps there that escalates (see limitWords), said as
 * certain, and the Denies that may take that back; undefined where it keeps none, or the boundary allows none.
 */
function keptEscalation(
  granted: BroadActionHit,
  role: IamRole,
  allowed: readonly BroadActionHit[] | undefined,
): { readonly words: string; readonly unless: readonly UncertainDeny[] } | undefined {
  const limited = granted.limitedBy;
  const escalation = limited?.escalation;
  if (limited === undefined || escalation === undefined) return undefined;
  if (!boundaryMayAllow(escalation.actions, allowed)) return undefined;
  const { unlessDenied = [], ...certain } = escalation;
  const words = limitWords({ ...granted, limitedBy: { ...limited, escalation: certain } }, role, true);
  return words === undefined ? undefined : { words, unless: unlessDenied };
}

/**
 * An unknown hit that, but for Denies that may cancel it (a value of theirs not known before deploy), escalates (see
 * escalationLeft) in words: `may grant every iam action ("iam:*"), which lets the role change its own permissions or
 * boundary (iam:...): privilege escalation, unless the Deny of inline policy app, Statement[1] cancels it: the Resource
 * of that Deny is not known before deploy (...)`; undefined for any other. An administrator's grant is left to the
 * words of its hit. Not raised to critical: a guess never raises a severity.
 */
function escalationUnlessDenied(
  hit: BroadActionHit,
  role: IamRole,
  allowed: readonly BroadActionHit[] | undefined,
  inventory: Inventory,
  takenBack: (action: string, on?: Statement) => boolean,
): string | undefined {
  if (hit.answer !== 'unknown' || hit.unlessDenied === undefined) return undefined;
  const granted: BroadActionHit = { ...hit, answer: 'yes' };
  if (isAdministratorGrant(granted)) return undefined;
  // Limited by a NotResource to an IAM entity where it escalates: that limit, and every Deny that may cancel either.
  const kept = keptEscalation(granted, role, allowed);
  if (kept !== undefined)
    return `may grant ${hit.unlessDenied.what} (${kept.words}), unless ${unlessWords([...hit.unlessDenied.denies, ...kept.unless], role)}`;
  const actions = escalationLeft(granted, allowed, { inventory }).filter(
    (action) => !takenBack(action, hit.allResources === 'yes' ? undefined : hit.statement),
  );
  if (actions.length === 0) return undefined;
  const { what, denies } = hit.unlessDenied;
  return `may grant ${what}, which ${escalationPath(actions)}, unless ${unlessWords(denies, role)}`;
}

export default defineCheck({
  id: 'iam.role-wildcard-action',
  title: 'Lambda execution role allows wildcard actions',
  severity: 'high',
  resource: 'iam.role',
  description:
    'Looks at the Allow statements of the policies a Lambda execution role carries (inline policies, ' +
    '`AWS::IAM::Policy`, `AWS::IAM::RolePolicy` and `AWS::IAM::ManagedPolicy` resources attached to it, ' +
    'customer managed policies) ' +
    'for `Action: "*"`, a whole-service wildcard (`s3:*`, `dynamodb:*`, `iam:*`) or `NotAction`, which grants ' +
    'everything it does not list. `"*"` on `Resource: "*"` is reported as critical: the function is an ' +
    'administrator; so is `iam:*` on every resource: the role can give itself any permission (iam:PutRolePolicy, ' +
    "iam:AttachRolePolicy), or take another principal's (iam:CreateAccessKey for an administrator user), and " +
    '`iam:*` or `"*"` on every IAM role (`arn:aws:iam::*:role/*`, or every role of the account), user or managed ' +
    'policy, which holds the same actions on that type (the role is one of every role).',
  details:
    'Prefix wildcards such as `s3:Get*` are not reported. `?` is one character and `*` any run, and every action ' +
    'name is three characters or more (apigateway:GET), so `*` and `?` alone after the service prefix, with a `*` ' +
    'and at most three `?`, are the whole-service wildcard (`iam:?*` is `iam:*`, and `*:?*` or `?*` is `*`), and a ' +
    'Deny of them cancels what one of `iam:*` or `*` does; `iam:???` (the names of three characters) is none. ' +
    'IAM reads the wildcards in the service prefix too: it grants every action of each service of the IAM catalog ' +
    'it matches (`i?m:*` is `iam:*`, critical on every resource as `iam:*` is, and a Deny of `iam:*` cancels it; ' +
    '`s??:*` is `sqs:*`, `sns:*`, `ssm:*`, `sts:*` and the others). ' +
    AWS_MANAGED_DETAILS +
    'A customer managed policy that is not in the template gives `unknown`. ' +
    'A managed policy ARN not known before deploy (a parameter without default, an `!If` whose condition ' +
    'cannot be decided) is left to iam.role-admin-managed-policy, which reports it once as `unknown`. ' +
    'A pass names the AWS managed policies it leaves to iam.role-admin-managed-policy (`PowerUserAccess is left to iam.role-admin-managed-policy`). ' +
    'An explicit Deny in the same policies overrides the Allow (IAM policy evaluation logic): a Deny without ' +
    'conditions whose Action covers every action of the wildcard (`sqs:*` or `*` for `sqs:*`; a NotAction that ' +
    'names no sqs action) and whose Resource covers every resource of the statement cancels it, and the pass says ' +
    'which Deny did; a Deny whose NotResource leaves some resources does not (`sqs:*` on one queue is still a ' +
    'wildcard), but the finding says it limits the grant to them, and `"*"` so limited is no administrator ' +
    '(high, not critical), nor is one left every resource of a type (`NotResource: arn:aws:lambda:*:*:function:*`); ' +
    'an action acts only on the ARNs of its resource types (Service Authorization Reference), so a wildcard none of ' +
    'whose actions acts on the ARNs a NotResource keeps (`s3:*` beside `NotResource: arn:aws:iam::*:role/*`) is ' +
    'cancelled, and a boundary is weighed against the actions left there (`*` so limited, under a boundary of ' +
    '`s3:*`, passes); `"*"` so limited is still critical where it is left on an IAM role, user, group or managed ' +
    'policy (`NotResource: !GetAtt ' +
    'AdminRole.Arn`): what is left there includes iam:PutRolePolicy, iam:AttachRolePolicy and ' +
    'iam:UpdateAssumeRolePolicy (iam:CreatePolicyVersion on a policy), which give that entity any permission: ' +
    'privilege escalation, still critical, and the finding names those actions (where only a Deny not known before ' +
    'deploy may take them back, high, naming the actions, that Deny and what of it is not known); a Deny whose NotAction leaves part ' +
    'of the wildcard (`*` less a Deny of `NotAction: s3:*`; `*` less one of `NotAction: [s3:Get*, sqs:*]`) does not cancel it, but ' +
    'the finding says what is left, and `*` so cut is no administrator (high), unless what is left (by the Deny and by ' +
    'a boundary Parapet reads, for certain) still includes iam:PutRolePolicy, iam:AttachRolePolicy and the other ' +
    'actions by which the role changes its own permissions or boundary, or those by which it takes or raises ' +
    "another principal's (iam:CreateAccessKey, iam:CreateLoginProfile and iam:UpdateLoginProfile on any user, " +
    'iam:AddUserToGroup, iam:AttachUserPolicy, iam:PutGroupPolicy, iam:CreatePolicyVersion, ' +
    "iam:SetDefaultPolicyVersion: the privilege-escalation methods of Rhino Security Labs' list that need no other " +
    "action; iam:PassRole is iam.role-passrole-wildcard's) (`*` less a Deny of `NotAction: iam:*`, or " +
    "under a boundary of `iam:*`): privilege escalation, still critical, naming them (the role's own, else the first " +
    'few of the others), as iam.role-admin-managed-policy ' +
    'rates AdministratorAccess under such a boundary (an Allow with NotAction that keeps out all such ' +
    'a Deny leaves is cancelled); `iam:*` on every resource is critical for the same reason, and so are `iam:*` and ' +
    '`"*"` on every IAM role, user, group or managed policy of the account (the escalating actions the IAM catalog ' +
    'lists on that type, named; an account written out in the ARN may not be the one deployed to, and keeps it high, ' +
    'as some roles do), and a Deny without ' +
    'conditions, on every resource, lowers it to high only once it takes back every one of those actions (a Deny of ' +
    '`iam:*Role*` and `iam:*Policy*` leaves iam:CreateAccessKey: still critical); one whose NotAction leaves only named actions and prefix wildcards (`s3:*` less a Deny of `NotAction: ' +
    '[s3:GetObject, s3:List*]`; not `iam:Put*`, which keeps iam:PutRolePolicy) leaves no wildcard this reports, as `s3:List*` granted as written is not, and the pass says the Deny limits the grant to them; a Deny whose Action or Resource is not known before deploy gives `unknown` (naming that Deny and, where the grant would be privilege escalation, the actions it leads through), unless its Resource is built as that of the grant (`arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:*`, by `!Sub` or `Fn::Join` as CDK writes it, or a `!Ref` of the same parameter): one text in any deploy, which it covers; one with conditions ' +
    'is named in the finding, not evaluated. ' +
    "A Deny whose NotResource keeps none of the resources granted (`NotResource: arn:aws:s3:::keep/*` beside `s3:*` on `arn:aws:s3:::other/*`) applies to all of them and cancels the grant, where no deploy could make them meet. The stack's region and account are not known before deploy: a Deny naming them by `${AWS::Region}` or `${AWS::AccountId}` beside a grant naming them as literal text (`us-east-1`, `123456789012`), or the reverse, covers it in some deploys only, and gives `unknown`, saying so, never a pass. So is its partition: a Deny on `arn:aws:...` beside a grant on `arn:${AWS::Partition}:...` does not reach it in another partition (aws-cn, aws-us-gov, the isolated aws-iso, aws-iso-b, aws-iso-e and aws-iso-f, the European Sovereign Cloud's aws-eusc), and gives `unknown`; the reverse (a Deny on `arn:${AWS::Partition}:...` beside a grant on `arn:aws:...`) still cancels it, as credentials of one partition cannot act on another's resources. A grant on `*` is on every resource of the stack's partition: a Deny listing a pattern for each (`arn:aws:*` and `arn:aws-*:*`, or `arn:aws-cn:*`, `arn:aws-us-gov:*` and one for each other partition beside `arn:aws:*`; `?` is one character, so `arn:aws-??:*` is aws-cn's) cancels it, one reaching some partitions gives `unknown`, and one on every queue of each (`arn:*:sqs:*`) leaves `sqs:*` granted on `*`, where actions without a resource type (sqs:ListQueues) are granted. " +
    "Statement conditions are not evaluated, but a failing finding names those it does not weigh (`with conditions it does not weigh: StringEquals aws:SourceVpce`); a statement limited to requests AWS services make on the role's behalf (`Bool: {aws:ViaAWSService: true}`, forward access sessions, as AWS writes it for AD Connector) is not a grant to the function's own calls and is reported at low severity. " +
    BOUNDARY_DETAILS +
    'One finding per statement.',
  risk: 'A wildcard grants every action of a service, today and every action AWS adds later: deleting tables, changing bucket policies, reading every secret. Whoever finds a flaw in the function (an injection, a vulnerable dependency) gets all of it with the role credentials.',
  remediation: {
    text: 'Replace the wildcard with the actions the function calls (IAM Access Analyzer can generate a policy from CloudTrail activity), on the resources it uses. In SAM, prefer policy templates such as DynamoDBCrudPolicy or S3ReadPolicy.',
    cloudformation:
      'Policies:\n' +
      '  - PolicyName: orders\n' +
      '    PolicyDocument:\n' +
      '      Statement:\n' +
      '        - Effect: Allow\n' +
      '          Action: [dynamodb:GetItem, dynamodb:PutItem]   # not dynamodb:*\n' +
      '          Resource: !GetAtt OrdersTable.Arn\n',
    cdk:
      "import * as iam from 'aws-cdk-lib/aws-iam';\n" +
      '\n' +
      '// or ordersTable.grantReadWriteData(fn), which names the actions for you\n' +
      'fn.addToRolePolicy(new iam.PolicyStatement({\n' +
      "  actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], // not dynamodb:*\n" +
      '  resources: [ordersTable.tableArn],\n' +
      '}));\n',
    cli: 'aws accessanalyzer start-policy-generation --policy-generation-details principalArn=<role-arn> --cloud-trail-details file://trail.json',
    terraform:
      'data "aws_iam_policy_document" "fn" {\n' +
      '  statement {\n' +
      '    actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]\n' +
      '    resources = [aws_dynamodb_table.orders.arn]\n' +
      '  }\n' +
      '}\n',
  },
  compliance: {
    ...LEAST_PRIVILEGE,
    'aws-fsbp': ['IAM.1', 'IAM.21'],
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
  ],
  evaluate(role, ctx) {
    const skip = statementChecksSkip(ctx.inventory, role);
    if (skip !== undefined) return ctx.notApplicable(skip);
    const denied: DeniedGrant[] = [];
    const namedLeft: NamedLeftGrant[] = [];
    // Copies of a nested template each given their own action: each read (see deployedHits).
    const grants = (input: PolicyInput) =>
      broadActionGrants(input, {
        inventory: ctx.inventory,
        onDenied: (grant) => denied.push(grant),
        onNamedLeft: (grant) => namedLeft.push(grant),
      });
    const deployed = deployedHits(
      ctx.inventory,
      customerPolicies(ctx.inventory, role),
      role,
      grants,
      ACTION_LISTS,
    );
    const { copy = '' } = deployed;
    // What the boundary allows (see withinBoundary); what its Denies cancel there is not said of the role's policies.
    const bounded = withinBoundary(ctx.inventory, role, deployed.hits, (input) =>
      broadActionGrants(input, { inventory: ctx.inventory }),
    );
    const hits = bounded.hits;
    if (hits.length === 0) {
      const cancelled = takenBackWords(denied, namedLeft, role);
      return ctx.pass(
        `no statement allows a wildcard action${cancelled}${bounded.limitedWords}${leftToAdminCheck(ctx.inventory, role)}`,
      );
    }
    // A Deny naming the escalating actions (`Deny iam:PutRolePolicy` beside `iam:*`) takes them back (see deniedEverywhere).
    const takenBack = deniedEverywhere(customerPolicies(ctx.inventory, role), { inventory: ctx.inventory });
    const weighed = weighedKeys(role, ctx.inventory);
    return groupHits(hits, role).map((group) => {
      const where = group.source ? { where: group.source } : {};
      const boundary = bounded.words(group.hits);
      if (group.answer === 'unknown') {
        // Each hit's once: what it says of escalation, or its own reason.
        const escalating = group.hits.map((hit) =>
          escalationUnlessDenied(hit, role, bounded.allowedBy(hit), ctx.inventory, takenBack),
        );
        const message = escalating.some((words) => words !== undefined)
          ? `${group.label} ${[...new Set(group.hits.map((hit, i) => escalating[i] ?? hit.reason))].join('; ')}${boundary}.`
          : unknownMessage(group, 'allows wildcard actions', boundary);
        return ctx.unknown(message, { key: group.key, ...where });
      }
      // An administrator only where the boundary, when read, allows every action on every resource too.
      const admin = group.hits.some(
        (hit) => isAdministratorGrant(hit) && (bounded.allowedBy(hit)?.some(isAdministratorGrant) ?? true),
      );
      // Escalation through a role a Deny leaves it: where the boundary, when read, may allow those actions too.
      const escalates = (hit: BroadActionHit) => {
        const actions = hit.answer === 'yes' ? hit.limitedBy?.escalation?.actions : undefined;
        return actions !== undefined && boundaryMayAllow(actions, bounded.allowedBy(hit));
      };
      // Raised only where no Deny not known before deploy may take it back: a guess never raises a severity.
      const escalation = group.hits.some(
        (hit) => escalates(hit) && hit.limitedBy?.escalation?.unlessDenied === undefined,
      );
      // `"*"` a Deny's NotAction or the boundary cuts to what still changes the role's own permissions: no lower.
      const selfEscalating = admin
        ? []
        : [
            ...new Set(
              group.hits.flatMap((hit) =>
                escalationLeft(hit, bounded.allowedBy(hit), { inventory: ctx.inventory }).filter(
                  (action) => !takenBack(action, hit.allResources === 'yes' ? undefined : hit.statement),
                ),
              ),
            ),
          ].sort();
      const note = conditionNote(group);
      const administrator = admin ? ' on every resource: the role is an administrator' : '';
      const raised = admin || escalation || selfEscalating.length > 0;
      const severity = note.viaServiceOnly ? 'low' : raised ? 'critical' : undefined;
      const conditional = conditionalDenyWords(
        group.hits.filter((hit) => hit.answer === 'yes').flatMap((hit) => hit.conditionalDenies ?? []),
        role,
      );
      const limits = [
        ...new Set(
          group.hits.flatMap((hit) =>
            [leftWords(hit, role), limitWords(hit, role, escalates(hit))].filter((w) => w !== undefined),
          ),
        ),
      ];
      const words = [...limits, ...(conditional === '' ? [] : [conditional])];
      const denies = words.length === 0 ? '' : ` (${words.join('; ')})`;
      return ctx.fail(
        `${group.label}: ${reasonsOf(group)}${administrator}${denies}${note.words}${copy}${boundary}` +
          `${selfEscalationWords(
            selfEscalating,
            // `"*"` on every resource is an administrator's unless cut: what is left is said. On every role, as written.
            group.hits.some((hit) => hit.kind === 'all-actions' && hit.allResources === 'yes'),
          )}.`,
        {
          key: group.key,
          ...where,
          ...weighed(group),
          ...(severity === undefined ? {} : { severity }),
        },
      );
    });
  },
});
