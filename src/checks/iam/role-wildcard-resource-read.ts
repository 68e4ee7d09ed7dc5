import { LEAST_PRIVILEGE } from '../../compliance/least-privilege.js';
import { listedWithAnd } from '../../findings/words.js';
import {
  DEPRECATED_READ_POLICIES,
  DEPRECATED_READ_POLICY_NAMES,
} from '../../iam/deprecated-read-policies.js';
import {
  type ActionInfo,
  managedPolicyName,
  type PolicyInput,
  type RolePolicy,
  type TypeScope,
  type WriteOnAllResourcesHit,
  writeOnAllResources,
} from '../../iam/index.js';
import type { IamRole } from '../../model/iam.js';
import type { Inventory } from '../../model/inventory.js';
import { own } from '../../model/own.js';
import { defineCheck } from '../define.js';
import { administratorStatements } from './administrator-grants.js';
import {
  denyNote,
  grantsEverything,
  inapplicableWords,
  leftOutWords,
  namesOnly,
  narrowedWords,
  partlyTagged,
  resourceConditionNote,
  sample,
} from './all-resource-words.js';
import { boundaryAllowsSome, withinBounds } from './boundary-actions.js';
import { deniedWords } from './deny-words.js';
import { BOUNDARY_DETAILS, withinBoundary } from './permissions-boundary.js';
import { deployedHits } from './policy-copies.js';
import {
  AWS_MANAGED_DETAILS,
  conditionNote,
  customerPolicies,
  groupHits,
  leftToAdminCheck,
  placeKey,
  reasonsOf,
  rolePolicies,
  statementChecksSkip,
  unknownMessage,
} from './policy-hits.js';
import { POLLING_POLICIES_DETAILS, pollingPoliciesLeftOut } from './polling-policies.js';

/**
 * The reads that return the data or secrets a resource holds, not its configuration: on every resource they read
 * every secret, parameter, object, item, message or function of the account. Cloudsplaining's "data exfiltration"
 * and "credentials exposure" lists (Checkov CKV_AWS_108, CKV_AWS_107) name the first ones. Each, and why:
 * - secretsmanager:GetSecretValue: a secret's value (BatchGetSecretValue is authorised on `*` and then needs
 *   GetSecretValue on each secret: the catalog lists it as `*` only, so it is no grant of its own).
 * - ssm:GetParameter, ssm:GetParameters, ssm:GetParametersByPath: a parameter's value, a SecureString decrypted
 *   (WithDecryption); ssm:GetParameterHistory: its past values too.
 * - s3:GetObject, s3:GetObjectVersion: an object's content, current or of any version.
 * - dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query, dynamodb:Scan, dynamodb:PartiQLSelect: a table's items.
 * - sqs:ReceiveMessage: a queue's messages (and hides them from their consumer for the visibility timeout).
 * - kinesis:GetRecords: a stream's records; dynamodb:GetRecords: a DynamoDB stream's records, the items written to
 *   its table (their new and old images, as the stream's view type keeps them).
 * - lambda:GetFunction: a link to download a function's code, and its environment variables, where secrets are
 *   often kept.
 * - ecr:GetDownloadUrlForLayer, ecr:BatchGetImage: an image's layers (code, and often credentials baked in).
 * kms:Decrypt is left out: IAM's access levels call it Write, and iam.role-wildcard-resource-write reports it on
 * every key (one finding for one problem).
 */
export const SENSITIVE_READS: readonly string[] = [
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'ssm:GetParameterHistory',
  's3:GetObject',
  's3:GetObjectVersion',
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:PartiQLSelect',
  'sqs:ReceiveMessage',
  'kinesis:GetRecords',
  'dynamodb:GetRecords',
  'lambda:GetFunction',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchGetImage',
];

const SENSITIVE = new Set(SENSITIVE_READS.map((name) => name.toLowerCase()));
const isSensitive = (action: ActionInfo) => SENSITIVE.has(action.name.toLowerCase());

/**
 * The reads the pass names as accepting only `*` (see wildcardOnlyActions): those of IAM's Read and List access
 * levels for which the Service Authorization Reference lists no resource type (s3:ListAllMyBuckets,
 * ec2:DescribeInstances, logs:DescribeLogGroups). Service Authorization Reference, "Actions, resources, and condition
 * keys": an empty Resource types column means the action supports no resource-level permission, so `"Resource": "*"`
 * is the only way to grant it, and nothing narrower can be written.
 */
const isRead = (action: ActionInfo) => action.levels.has('Read') || action.levels.has('List');

/**
 * Those of the reads that act on what a type within a type names (see actingAlso), from the Service Authorization
 * Reference: dynamodb:Query, dynamodb:Scan and dynamodb:PartiQLSelect on a table or an index (`table/*` then
 * `/index/*`), dynamodb:GetRecords on a stream (`table/*` then `/stream/*`), and all four on `table/*` then `/*`
 * (what lies under every table). S3's buckets and objects need none: the catalog keeps the actions on them at every
 * level (s3:GetObject and s3:GetObjectVersion on objects).
 */
function readsActingOn(scope: TypeScope): readonly string[] {
  const [outer, inner] = scope.collections ?? [];
  if (scope.service !== 'dynamodb' || outer !== 'table') return [];
  const onIndex = ['dynamodb:Query', 'dynamodb:Scan', 'dynamodb:PartiQLSelect'];
  if (inner === 'index') return onIndex;
  if (inner === 'stream') return ['dynamodb:GetRecords'];
  return inner === '*' ? [...onIndex, 'dynamodb:GetRecords'] : [];
}

/**
 * A hit for each deprecated AWS managed policy of the role that DEPRECATED_READ_POLICIES names: the data holds no
 * document of it to read (the statement checks leave it out: unreadAwsManaged), what it grants is known by name.
 */
function deprecatedHits(inventory: Inventory, role: IamRole): WriteOnAllResourcesHit[] {
  return rolePolicies(inventory, role).flatMap((policy: RolePolicy) => {
    const managed = policy.managed;
    if (policy.origin !== 'aws-managed' || managed?.awsManaged !== 'yes') return [];
    const known = own(DEPRECATED_READ_POLICIES, `${managed.path}${managed.name}`);
    if (known === undefined) return [];
    return [
      {
        answer: 'yes' as const,
        reason: `it grants ${known.grants}`,
        source: policy.source,
        policy,
        value: known.value,
        actions: [],
        levels: [],
        scope: 'all' as const,
      },
    ];
  });
}

const READS = 'sensitive reads';

/** The analysis of this check, for another weighing the same reads (a boundary under AdministratorAccess). */
export const readOptions = (inventory: Inventory) => ({
  inventory,
  selects: isSensitive,
  noun: READS,
  actingAlso: readsActingOn,
});

export default defineCheck({
  id: 'iam.role-wildcard-resource-read',
  title: 'Lambda execution role can read secrets or data on every resource',
  severity: 'medium',
  resource: 'iam.role',
  description:
    'Looks at the Allow statements of the policies a Lambda execution role carries for actions that read secrets ' +
    'or data granted on every resource (`Resource: "*"`, a `NotResource`, or an ARN naming every resource of a ' +
    'type, such as `arn:aws:s3:::*`): secretsmanager:GetSecretValue, ssm:GetParameter(s), ' +
    'ssm:GetParametersByPath, ssm:GetParameterHistory, s3:GetObject(Version), dynamodb:GetItem, BatchGetItem, ' +
    'Query, Scan and PartiQLSelect, sqs:ReceiveMessage, kinesis:GetRecords and dynamodb:GetRecords (the records ' +
    'of a Kinesis or DynamoDB stream), lambda:GetFunction (code and ' +
    'environment), ecr:GetDownloadUrlForLayer and ecr:BatchGetImage; AWS managed policies are read statement by ' +
    'statement too (ReadOnlyAccess, the read-only policies of S3, SSM, DynamoDB, Lambda and Kinesis, the ECR pull ' +
    'policies and AWSSecretsManagerClientReadOnlyAccess grant such reads on every resource).',
  details:
    'The list is short and explicit: reads that return what a resource holds (a secret, a parameter, an object, ' +
    'items, messages, records, code), not its configuration; logs:Describe* or s3:ListBucket pass. kms:Decrypt ' +
    "is left to iam.role-wildcard-resource-write (IAM's access levels call it Write). Statements are read as " +
    'iam.role-wildcard-resource-write reads them: action wildcards (`s3:Get*`, `secretsmanager:*`) and NotAction ' +
    'are expanded through the IAM action catalog (a name it does not know is none of these reads); what names ' +
    'every resource of a type is the same (`arn:aws:s3:::*/*`, every object, fails, and so does `arn:aws:s3:::*`, ' +
    'which the finding words by what the reads act on: s3:GetObject there is on every object in every S3 bucket; ' +
    '`arn:aws:s3:::my-bucket/*` passes; `parameter/*` and `parameter/?*` fail, `parameter/app/*` passes; ' +
    '`secret:*-??????` fails, as every secret ARN ends in a hyphen and six characters), and so are the conditions ' +
    'on keys naming the resource (secretsmanager:SecretId), resource-tag conditions (`aws:ResourceTag/<key>`: low ' +
    'severity when they limit every read to tagged resources the role cannot tag itself), explicit Denies and SAM ' +
    'policy templates given `*`. ' +
    'Reads that accept only `*` (the IAM action catalog lists no resource type for them: s3:ListAllMyBuckets, ' +
    'ec2:Describe*, logs:DescribeLogGroups) never fail, there being nothing narrower to write; a pass names those ' +
    'an Allow on `*` grants, less those a Deny on `*` takes back (`left out, as they accept only "*": ' +
    'logs:DescribeLogGroups and s3:ListAllMyBuckets`; more than five of more than three services are counted, as ' +
    '`*` less a Deny of the reads above grants thousands), so that they read as seen, not as the problem. ' +
    'A Resource from a parameter without default may be `*`: `unknown` until it is given with `-p`. ' +
    '`Action: "*"` on every resource is left to iam.role-wildcard-action where its critical finding (the function ' +
    "is an administrator) says it all; where a Deny's NotAction or the permissions boundary cuts `*` down to less " +
    '(no administrator), the reads left are reported here, listed (`*` less a Deny of `NotAction: s3:Get*` reads ' +
    'every object). A service wildcard (`secretsmanager:*`) is reported here too, since it reads every secret ' +
    'whatever else it does. ' +
    AWS_MANAGED_DETAILS +
    'So ReadOnlyAccess fails (`s3:Get*`, `ssm:Get*`, `lambda:Get*`, `dynamodb:Get*`, `ecr:BatchGet*` and more on ' +
    '`*`, in two statements: a finding each), as do AmazonS3ReadOnlyAccess ' +
    '(s3:Get* on `*`), AmazonSSMReadOnlyAccess, AmazonDynamoDBReadOnlyAccess, AWSLambda_ReadOnlyAccess, ' +
    'AmazonKinesisReadOnlyAccess (kinesis:Get* on `*`, kinesis:GetRecords among them), the ECR pull policies ' +
    '(AmazonEC2ContainerRegistryReadOnly, service-role/AmazonECSTaskExecutionRolePolicy: ecr:GetDownloadUrlForLayer ' +
    'and ecr:BatchGetImage on `*`), AWSSecretsManagerClientReadOnlyAccess (secretsmanager:GetSecretValue on ' +
    '`arn:aws:secretsmanager:*:*:secret:*`) and SecretsManagerReadWrite (secretsmanager:* on `*`), each finding ' +
    'naming the statement (`AWS managed policy AmazonS3ReadOnlyAccess, Statement[0]`); a read-only policy whose ' +
    'reads on `*` are none of these (AmazonSQSReadOnlyAccess: no sqs:ReceiveMessage) passes. A deprecated AWS ' +
    'managed policy, which AWS keeps working on the roles that carry it but the data no longer holds, is judged by ' +
    `name where what it grants is known: ${listedWithAnd([...DEPRECATED_READ_POLICY_NAMES])} ` +
    '(lambda:Get*, s3:Get* and dynamodb:GetItem, BatchGetItem, Query and Scan on `*`) fails. ' +
    'A pass names the AWS managed policies it leaves to iam.role-admin-managed-policy (`PowerUserAccess is left to iam.role-admin-managed-policy`). ' +
    POLLING_POLICIES_DETAILS +
    BOUNDARY_DETAILS +
    'One finding per statement or managed policy, listing a few of the reads and how many more.',
  risk: 'A function that can read every secret, parameter, object or table of the account hands all of them to whoever exploits it (an injection, a vulnerable dependency): one flaw in one function becomes a leak of the credentials and data of every other workload, where a grant on the resources it uses would have exposed only those.',
  remediation: {
    text: 'Grant the reads on the resources the function uses: the ARN of its secret, its parameters (`parameter/app/*`), its bucket objects, its table. Replace ReadOnlyAccess and the service read-only policies with such statements. In SAM, policy templates such as AWSSecretsManagerGetSecretValuePolicy, SSMParameterReadPolicy, S3ReadPolicy and DynamoDBReadPolicy do this for you.',
    cloudformation:
      'Policies:\n' +
      '  - AWSSecretsManagerGetSecretValuePolicy:   # SAM: this secret only\n' +
      '      SecretArn: !Ref DbSecret\n' +
      '  - SSMParameterReadPolicy:\n' +
      '      ParameterName: app/prod/*              # not every parameter\n' +
      '  - S3ReadPolicy:\n' +
      '      BucketName: !Ref UploadsBucket\n',
    cdk:
      "import * as iam from 'aws-cdk-lib/aws-iam';\n" +
      '\n' +
      '// grant methods scope the reads to the resource\n' +
      'dbSecret.grantRead(fn);\n' +
      'configParameter.grantRead(fn);\n' +
      'uploadsBucket.grantRead(fn);\n' +
      "// a statement of your own: the ARNs, not '*'\n" +
      "fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ssm:GetParametersByPath'], resources: [appParametersArn] }));\n" +
      "// and no iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')\n",
    cli: 'aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess',
    terraform:
      'data "aws_iam_policy_document" "fn" {\n' +
      '  statement {\n' +
      '    actions   = ["secretsmanager:GetSecretValue"]\n' +
      '    resources = [aws_secretsmanager_secret.db.arn]\n' +
      '  }\n' +
      '}\n',
  },
  compliance: {
    ...LEAST_PRIVILEGE,
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_iam-policies.html',
    'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-templates.html',
    'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ReadOnlyAccess.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/introduction_attribute-based-access-control.html',
  ],
  evaluate(role, ctx) {
    const skip = statementChecksSkip(ctx.inventory, role);
    if (skip !== undefined) return ctx.notApplicable(skip);
    const narrowed: Parameters<typeof narrowedWords>[0][number][] = [];
    const denied: Parameters<typeof deniedWords>[0][number][] = [];
    const inapplicable: Parameters<typeof inapplicableWords>[0][number][] = [];
    const starOnly = new Set<string>();
    const deployed = deployedHits(ctx.inventory, customerPolicies(ctx.inventory, role), role, (policies) =>
      writeOnAllResources(policies, {
        ...readOptions(ctx.inventory),
        taggingPolicies: rolePolicies(ctx.inventory, role),
        onNarrowed: (reads) => narrowed.push(...reads),
        onDenied: (reads) => denied.push(...reads),
        onInapplicable: (reads) => inapplicable.push(reads),
        wildcardOnlySelects: isRead,
        onWildcardOnly: (reads) => {
          for (const read of reads) starOnly.add(read);
        },
      }),
    );
    const { copy = '' } = deployed;
    // `Action: "*"` on every resource: iam.role-wildcard-action's critical finding says it all, where it reports one.
    // Cut by a Deny's NotAction or by the boundary, `*` is no administrator there: the reads left are reported here.
    const everything = deployed.hits.filter((hit) => grantsEverything(hit) && hit.answer === 'yes');
    const administrator = everything.length === 0 ? undefined : administratorStatements(ctx.inventory, role);
    const admin = administrator === undefined ? [] : everything.filter(administrator);
    const own = deployed.hits.filter((hit) => !admin.includes(hit));
    const bounded = withinBoundary(
      ctx.inventory,
      role,
      [...own, ...deprecatedHits(ctx.inventory, role)],
      (input: PolicyInput) => writeOnAllResources(input, readOptions(ctx.inventory)),
      boundaryAllowsSome,
    );
    const hits = bounded.hits;
    if (hits.length === 0) {
      const takenBack = deniedWords(denied, role, READS);
      const toAdmin =
        admin.length > 0 ? ' (`Action: "*"` on every resource is left to iam.role-wildcard-action)' : '';
      return ctx.pass(
        `no statement allows sensitive reads on every resource, or on every resource of a type${toAdmin}` +
          leftOutWords(new Set(), starOnly) +
          inapplicableWords(inapplicable) +
          narrowedWords(narrowed) +
          (takenBack === '' ? '' : ` (${takenBack})`) +
          bounded.limitedWords +
          pollingPoliciesLeftOut(ctx.inventory, role) +
          leftToAdminCheck(ctx.inventory, role),
      );
    }
    return groupHits(hits, role).map((group) => {
      const where = group.source ? { where: group.source } : {};
      const boundary = bounded.words(group.hits);
      if (group.answer === 'unknown') {
        return ctx.unknown(unknownMessage(group, 'allows sensitive reads on every resource', boundary), {
          key: group.key,
          ...where,
        });
      }
      // The reads of a hit the boundary allows too: all the role gets.
      const certain = group.hits.filter((hit) => hit.answer === 'yes').map(withinBounds(bounded));
      if (certain.every((hit) => hit.statement === undefined)) {
        // A deprecated AWS managed policy judged by name: keyed by where it is listed, as the admin check keys it.
        const managed = certain[0]?.policy?.managed;
        const name =
          managed?.awsManaged === 'yes' ? managedPolicyName(managed.path, managed.name) : group.key;
        return ctx.fail(`AWS managed policy ${name} is attached: ${reasonsOf(group)}${boundary}.`, {
          key: (certain[0]?.policy && placeKey(certain[0].policy)) ?? name,
          ...where,
        });
      }
      const granted = [...new Set(certain.flatMap((hit) => hit.actions))];
      // A NotAction quotes no pattern: the reads it grants are worth listing.
      const actions = certain.every((hit) => hit.value !== undefined && namesOnly(hit) && !partlyTagged(hit))
        ? []
        : granted;
      const total = certain.length === 1 ? certain[0]?.actionCount : undefined;
      const resource = resourceConditionNote(certain, 'reads');
      const note = conditionNote(group, resource.weighed);
      const low = note.viaServiceOnly || resource.unlistedOnly || resource.taggedOnly;
      const denies = denyNote(certain, role, READS);
      return ctx.fail(
        `${group.label}: ${reasonsOf(group)}${sample(actions, total)}${resource.words}${denies}${note.words}${copy}${boundary}.`,
        { key: group.key, ...where, ...(low ? { severity: 'low' as const } : {}) },
      );
    });
  },
});
