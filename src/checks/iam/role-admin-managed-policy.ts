import { LEAST_PRIVILEGE } from '../../compliance/least-privilege.js';
import { listedWithAnd } from '../../findings/words.js';
import { deprecatedReadOnlyPolicy } from '../../iam/deprecated-read-policies.js';
import {
  BROAD_GRANTS,
  describeValue,
  type ManagedPolicyClass,
  managedPolicyName,
  type RolePolicy,
  unknownAwsManagedPolicy,
} from '../../iam/index.js';
import { EXPORTED_BY_SEVERAL, isUnknown } from '../../model/values.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';
import { functionName, isExecutionRole, roleUse } from './execution-role.js';
import { boundedManagedPolicy, type IamActionsLeft } from './managed-policy-boundary.js';
import { mayBeAwsManaged, placeKey, rolePolicies, unreadAwsManaged } from './policy-hits.js';
import { selfEscalationWords } from './self-escalation.js';

const EVERY_ACTION = 'every action on every resource';

/** What each broad class grants, in words; `other` is not reported. */
const GRANTS: Readonly<Record<Exclude<ManagedPolicyClass, 'other' | 'broad'>, string>> = {
  // Under a permissions boundary that allows less, only the first part (see evaluate).
  admin: `${EVERY_ACTION}: the function is an administrator of the account`,
  'power-user': 'every action on every resource except IAM, Organizations and account management',
  'iam-full-access': 'full control of IAM: the function can grant itself any permission',
  'full-access': 'full access to a service, on every resource',
  'job-function': 'the broad permissions of an administrator job function',
};

export default defineCheck({
  id: 'iam.role-admin-managed-policy',
  title: 'Lambda execution role has an AWS managed admin or full-access policy',
  severity: 'high',
  resource: 'iam.role',
  description:
    'Reports AWS managed policies attached to a Lambda execution role that grant far more than a function ' +
    'needs: AdministratorAccess and IAMFullAccess (critical: with full control of IAM the role can give itself any ' +
    'permission), PowerUserAccess, the `*FullAccess` policies of a ' +
    'service (AmazonS3FullAccess, AmazonDynamoDBFullAccess, AWSLambda_FullAccess, ...), service-scoped ' +
    '`AdministratorAccess-*` policies and the broad job-function policies (SystemAdministrator, ' +
    'NetworkAdministrator, DatabaseAdministrator, DataScientist), and AWSLambdaExecute, whose name hides ' +
    'that it reads and writes every object of every S3 bucket.',
  details:
    'AWS managed policies are judged by name ' +
    '(their documents are not in the template): `arn:${AWS::Partition}:iam::aws:policy/...` is read, and a ' +
    'SAM `Policies: [AdministratorAccess]` entry is the same ARN. A managed policy ARN not known before ' +
    'deploy (a parameter without default, an `!If` whose condition cannot be decided) gives one `unknown` ' +
    'finding: it may name an admin policy, and what it grants cannot be read, so the statement checks ' +
    '(iam.role-wildcard-action, iam.role-wildcard-resource-write, iam.role-wildcard-resource-read, ' +
    'iam.role-passrole-wildcard) leave it to ' +
    'this one, which reports it even beside a failure. A deprecated AWS managed policy Parapet’s data no longer ' +
    'holds but knows by name as read-only (AWSLambdaReadOnlyAccess: every action of its default version v8 is a ' +
    'Get, List or Describe) passes, the pass naming it: it is no admin policy, and ' +
    'iam.role-wildcard-resource-read reports its reads. The other AWS managed policies pass here: the statement ' +
    'checks read their documents statement by statement, as they read customer policies (iam.role-wildcard-action, ' +
    'iam.role-wildcard-resource-write, iam.role-passrole-wildcard; iam.role-wildcard-resource-read also reports ' +
    'ReadOnlyAccess and the read-only policies that read every object, parameter, table or function), but for the ' +
    'Lambda execution policies (AWSLambdaBasicExecutionRole). A role functions run as that the ' +
    'template does not create (named by a role ARN, one built with `${AWS::AccountId}` and the like, or a ' +
    'parameter without default) gives one `unknown` finding too, at the Role of the first function in the ' +
    'file that names it: none of its policies can be read (the statement and trust checks pass over it). An ' +
    'import, or a parameter that may name a role of the template, gives none. ' +
    "A role's permissions boundary (`PermissionsBoundary`, of the role or of a SAM function) is weighed as the " +
    'statement checks weigh it: the role gets what both the policy and the boundary allow. The wildcards of ' +
    'AdministratorAccess, PowerUserAccess, IAMFullAccess and the others are read from the documents of AWS managed ' +
    'policies Parapet ships; one whose name they lack may grant any wildcard, and gives one `unknown` finding here ' +
    '(the statement checks leave it to this one). Under a boundary Parapet reads (an ' +
    '`AWS::IAM::ManagedPolicy` of the template, an AWS managed policy of its data) that allows no such grant ' +
    '(`logs:CreateLogStream` and `logs:PutLogEvents`), the policy passes, and the pass names the boundary; under ' +
    'one allowing part of it, the finding names what the boundary allows. AdministratorAccess grants whatever the ' +
    'boundary allows, so it passes only where the boundary allows no broad grant either: no write on every resource ' +
    '(of a type), no iam:PassRole on every role and no sensitive read on every resource, read as ' +
    'iam.role-wildcard-resource-write, iam.role-passrole-wildcard and iam.role-wildcard-resource-read read them ' +
    '(`s3:PutObject` on `*` keeps it, high, naming them); it is critical where the boundary lets the role change ' +
    'its own permissions or boundary (iam:PutRolePolicy, iam:AttachRolePolicy, iam:DeleteRolePermissionsBoundary, ' +
    "iam:PutRolePermissionsBoundary on every role) or take or raise another principal's (iam:CreateAccessKey, " +
    'iam:AddUserToGroup, iam:AttachUserPolicy on every resource, as iam.role-wildcard-action names them), and ' +
    'IAMFullAccess is high only where a Deny without conditions takes back every one of those actions (where it ' +
    'takes back some, the finding names those left, as iam.role-wildcard-action names what `iam:*` less a Deny ' +
    'leaves) or a boundary Parapet reads keeps them all out (where it keeps out some, the finding names those left ' +
    'in the same words); otherwise only ' +
    'where the boundary allows every action on every resource too (under `logs:*` it is high: full access to ' +
    'CloudWatch Logs, as AWS managed full-access policies are reported). A boundary Parapet cannot read (an ARN ' +
    'outside the template, a parameter) leaves the finding and its severity as they are, and the finding says that ' +
    'the boundary may limit it. AWSLambdaExecute, whose breadth is writes on every object rather than a wildcard, is ' +
    'not weighed.',
  risk: 'These policies grant every action of one service, or of all of them, on every resource of the account. A flaw in the function (an injection, a vulnerable dependency, a leaked credential from its environment) hands an attacker that much: reading and deleting all data of the service, or taking over the account.',
  remediation: {
    text: 'Detach the policy and grant the actions the function calls on the resources it uses, in an inline or customer managed policy (IAM Access Analyzer can generate one from CloudTrail activity). In SAM, use policy templates (DynamoDBCrudPolicy, S3ReadPolicy, SQSSendMessagePolicy) instead of AWS managed policy names.',
    cloudformation:
      'Policies:                      # SAM, instead of AdministratorAccess or AmazonDynamoDBFullAccess\n' +
      '  - DynamoDBCrudPolicy:\n' +
      '      TableName: !Ref OrdersTable\n',
    cdk:
      "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';\n" +
      '\n' +
      "// remove role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'))\n" +
      '// (or AmazonDynamoDBFullAccess), and grant what the function uses instead:\n' +
      "const ordersTable = new dynamodb.TableV2(this, 'Orders', {\n" +
      "  partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },\n" +
      '});\n' +
      'ordersTable.grantReadWriteData(fn);\n',
    cli: 'aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
    terraform:
      '# remove the aws_iam_role_policy_attachment of the broad policy, then:\n' +
      'resource "aws_iam_role_policy" "fn" {\n' +
      '  role   = aws_iam_role.fn.id\n' +
      '  policy = data.aws_iam_policy_document.fn.json   # the actions and resources the function uses\n' +
      '}\n',
  },
  compliance: {
    ...LEAST_PRIVILEGE,
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-use-aws-defined-policies',
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
  ],
  evaluate(role, ctx) {
    if (!isExecutionRole(ctx.inventory, role)) return ctx.notApplicable('not a Lambda execution role');
    if (role.external) {
      const { functions } = roleUse(ctx.inventory, role);
      const users = functions.map(functionName).join(', ');
      // Named by a parameter (`${RoleArn}`): say which, and whether it has a default; imported from an export that
      // several scanned stacks make: say which stacks, as scanning them did not tell which role it is.
      const given = functions[0]?.role;
      const several = isUnknown(given) && given.reason.includes(EXPORTED_BY_SEVERAL);
      const from = (/^\$\{[^}]+\}$/.test(role.id) || several) && isUnknown(given) ? ` (${given.reason})` : '';
      const next = several
        ? 'Which one it is depends on where the stack deploys: suppress this finding with a reason once you know.'
        : 'Scan the template that creates it as well, or trust it by suppressing this finding.';
      return ctx.unknown(
        `The execution role of ${users}${from} is not in this template: which policies it has, an AWS managed admin ` +
          `or full-access policy among them, and what they grant (wildcards, iam:PassRole on *) cannot be checked. ${next}`,
      );
    }
    const failed: Outcome[] = [];
    const unseen: Outcome[] = [];
    const limited: string[] = [];
    const readByName: string[] = [];
    let boundary: string | undefined;
    for (const policy of rolePolicies(ctx.inventory, role)) {
      const managed = policy.managed;
      if (managed?.awsManaged === 'yes') {
        if (managed.class === 'other') {
          // One the data lacks is left here by the statement checks (unreadAwsManaged): report it once, unless it is
          // a deprecated read-only policy known by name (not an admin policy: iam.role-wildcard-resource-read has it).
          if (!unreadAwsManaged(policy)) continue;
          const readOnly = deprecatedReadOnlyPolicy(managed.path, managed.name);
          if (readOnly !== undefined) {
            readByName.push(deprecatedReadWords(managed.path, managed.name, readOnly.version));
          } else unseen.push(unreadPolicy(policy, managed.name, managed.path, ctx));
          continue;
        }
        const name = managedPolicyName(managed.path, managed.name);
        // The role gets what both the policy and its permissions boundary allow (see boundedManagedPolicy).
        const bounded = boundedManagedPolicy(ctx.inventory, role, policy, managed.class);
        if (bounded.limited) {
          limited.push(name);
          boundary = bounded.its;
          continue;
        }
        // An administrator only where the boundary, when read, allows every action on every resource too.
        const admin = managed.class === 'admin' && bounded.admin;
        const grants = admin
          ? GRANTS.admin
          : bounded.iamLeft?.denied || bounded.iamLeft?.kept
            ? iamFullAccessLeft(bounded.iamLeft)
            : grantsOf(managed.class, managed.path, managed.name);
        failed.push(
          ctx.fail(`AWS managed policy ${name} is attached: it grants ${grants}${bounded.words}.`, {
            // Where it is listed when a parameter or a condition chooses it: the same finding with any.
            key: placeKey(policy) ?? name,
            where: policy.source,
            ...(admin || bounded.escalates ? { severity: 'critical' as const } : {}),
          }),
        );
      } else if (mayBeAwsManaged(policy)) {
        unseen.push(unseenPolicy(policy, ctx));
      }
    }
    // Unknown entries are reported beside failures: the statement checks leave them to this check
    // (mayBeAwsManaged), so dropping them here would leave what they grant unreported.
    if (failed.length > 0 || unseen.length > 0) return [...failed, ...unseen];
    const byName = readByName.length > 0 ? ` (${readByName.join('; ')})` : '';
    if (limited.length > 0) {
      const what =
        limited.length === 1
          ? `AWS managed policy ${limited[0]} grants`
          : `AWS managed policies ${listedWithAnd(limited)} grant`;
      return ctx.pass(
        'no AWS managed admin, power-user or full-access policy is attached that its permissions boundary lets ' +
          `through (what ${what} is limited by ${boundary}, which allows no such grant)${byName}`,
      );
    }
    return ctx.pass(`no AWS managed admin, power-user or full-access policy is attached${byName}`);
  },
});

/**
 * A managed policy entry (or the whole list) not known before deploy: it may name an admin policy, and
 * its statements cannot be read. The statement checks leave such entries to this finding (see
 * mayBeAwsManaged), so it says both, once.
 */
function unseenPolicy(policy: RolePolicy, ctx: CheckContext): Outcome {
  const arn = policy.arn;
  const unknownArn = arn !== undefined && isUnknown(arn) ? arn : undefined;
  const why = unknownArn === undefined ? '' : ` (${unknownArn.reason})`;
  // Without `managed`, policiesOfRole's entry for a ManagedPolicyArns list not known as a whole.
  const message =
    policy.managed === undefined
      ? `Cannot tell which managed policies are attached: the list is not known before deploy${why}. ` +
        'One may be an AWS managed admin or full-access policy, and what they grant cannot be checked either.'
      : `Cannot tell which managed policy is attached here: its ARN${unknownArn?.template ? ` ${unknownArn.template}` : ''} ` +
        `is not known before deploy${why}. It may be an AWS managed admin or full-access policy, and what it ` +
        'grants cannot be checked either.';
  return ctx.unknown(message, {
    key: placeKey(policy) ?? (arn === undefined ? 'ManagedPolicyArns' : describeValue(arn)),
    where: policy.source,
  });
}

/**
 * An AWS managed policy whose document the data lacks (unreadAwsManaged): its name may be one AWS added since, or
 * misspelt. The statement checks leave it here, so it says what they cannot check, once.
 */
function unreadPolicy(policy: RolePolicy, name: string, path: string, ctx: CheckContext): Outcome {
  const label = managedPolicyName(path, name);
  return ctx.unknown(
    `Cannot tell what AWS managed policy ${label} grants: ${unknownAwsManagedPolicy(name, path)}. It may be an ` +
      'admin or full-access policy, and what it grants cannot be checked either.',
    { key: placeKey(policy) ?? label, where: policy.source },
  );
}

/**
 * A deprecated read-only AWS managed policy the data lacks, as a pass names it: what its default version grants is known
 * by name (DEPRECATED_READ_POLICIES), and it is no admin, power-user or full-access policy.
 */
function deprecatedReadWords(path: string, name: string, version: string): string {
  return (
    `AWS managed policy ${managedPolicyName(path, name)} is deprecated and not in Parapet’s data: read by name, its ` +
    `default version (${version}) grants only reads and lists, no write, no iam:PassRole and no whole-service wildcard; ` +
    'iam.role-wildcard-resource-read reports its reads'
  );
}

/** What an AWS managed policy of a class grants, in words. */
function grantsOf(policyClass: Exclude<ManagedPolicyClass, 'other'>, path: string, name: string): string {
  if (policyClass === 'admin') return EVERY_ACTION;
  if (policyClass !== 'broad') return GRANTS[policyClass];
  return (
    BROAD_GRANTS[`${path}${name.slice(name.lastIndexOf('/') + 1)}`] ?? 'writes on every resource of a service'
  );
}

/**
 * What IAMFullAccess grants where a Deny of the role takes back some of its escalating actions, or its permissions
 * boundary keeps them out: what is left named as iam.role-wildcard-action names what `iam:*` less a Deny or under a
 * boundary leaves (`; what is left lets the role give other IAM principals more permissions or take over IAM users
 * (iam:AddUserToGroup, ...): privilege escalation`), or that none is.
 */
function iamFullAccessLeft(left: IamActionsLeft): string {
  const by = [
    ...(left.denied ? ['a Deny takes back'] : []),
    ...(left.kept ? ['its permissions boundary keeps out'] : []),
  ].join(' and ');
  const cut = `full control of IAM, part of which ${by}`;
  return left.escalating.length > 0
    ? `${cut}${selfEscalationWords(left.escalating)}`
    : `${cut}: every action by which the role could give itself or another IAM principal more permissions`;
}
