import { LEAST_PRIVILEGE } from '../../compliance/least-privilege.js';
import {
  type DeniedWrite,
  type InapplicableWrites,
  type NarrowedWrite,
  type PolicyInput,
  type RolePolicy,
  writeOnAllResources,
} from '../../iam/index.js';
import type { IamRole } from '../../model/iam.js';
import type { Inventory } from '../../model/inventory.js';
import { defineCheck } from '../define.js';
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
  reasonsOf,
  rolePolicies,
  statementChecksSkip,
  unknownMessage,
} from './policy-hits.js';

/**
 * Writes this check leaves out: iam:PassRole is read more closely by iam.role-passrole-wildcard (one
 * finding for one problem); cloudwatch:PutMetricData is granted on `*` as AWS documents it (the
 * catalog lists an optional dataset resource, but metrics are scoped with the cloudwatch:namespace
 * condition), so SAM's CloudWatchPutMetricPolicy does not fail.
 */
const LEFT_OUT = new Set(['iam:passrole', 'cloudwatch:putmetricdata']);

/**
 * Lambda's own logging, as AWSLambdaBasicExecutionRole grants it on `*`. That policy is not read here
 * (the Lambda execution policies are left out: see customerPolicies), so the same statement written
 * inline, or on `arn:aws:logs:*:*:*`, must not fail either: a function needs these to write its logs
 * to a group whose name it does not choose. Only these three: any other logs write still counts.
 */
const LAMBDA_LOGGING = new Set(['logs:createloggroup', 'logs:createlogstream', 'logs:putlogevents']);

/**
 * The network interfaces Lambda manages with the execution role's permissions: for a function in a VPC,
 * and for the event source mappings that reach a broker or cluster in a VPC (Amazon MQ, MSK, self-managed
 * Kafka), whether or not the function itself is in one. The writes of AWSLambdaENIManagementAccess and
 * AWSLambdaVPCAccessExecutionRole (create, delete, assign and unassign private IPs), which grant them on
 * `*`, plus ec2:DetachNetworkInterface, which SAM's VPCAccessPolicy grants. Lambda names neither the
 * interface nor (before it exists) its id, so `*` is how AWS writes them: judged by name, the managed
 * policies pass, and the same grant written inline must too. The Describe actions are not writes. Any
 * other ec2 write on `*` (ec2:CreateVpc, ec2:AttachNetworkInterface, ec2:ModifyNetworkInterfaceAttribute)
 * still counts.
 */
const LAMBDA_NETWORK_INTERFACES = new Set([
  'ec2:createnetworkinterface',
  'ec2:deletenetworkinterface',
  'ec2:detachnetworkinterface',
  'ec2:assignprivateipaddresses',
  'ec2:unassignprivateipaddresses',
]);

const leftOut = (action: string) => {
  const name = action.toLowerCase();
  return LEFT_OUT.has(name) || LAMBDA_LOGGING.has(name) || LAMBDA_NETWORK_INTERFACES.has(name);
};

/** The analysis of this check, for another weighing the same writes (a boundary under AdministratorAccess). */
export const writeOptions = (inventory: Inventory) => ({ inventory, leaveOut: leftOut });

/**
 * KMS's cryptographic operations: they use a key, and IAM's access levels call them Write. kms:Decrypt on
 * every key reads whatever those keys protect, so it counts; but the word "write" reads as a false alarm
 * for it, so a finding whose writes are only these says where the level comes from.
 */
const KMS_KEY_USES = new Set(
  [
    'Decrypt',
    'DeriveSharedSecret',
    'Encrypt',
    'GenerateDataKey',
    'GenerateDataKeyPair',
    'GenerateDataKeyPairWithoutPlaintext',
    'GenerateDataKeyWithoutPlaintext',
    'GenerateMac',
    'ReEncryptFrom',
    'ReEncryptTo',
    'Sign',
    'Verify',
    'VerifyMac',
  ].map((name) => `kms:${name}`),
);

/** ` (kms:Decrypt is a Write action in IAM's access levels)` when the writes are only KMS key uses. */
function levelNote(actions: readonly string[]): string {
  if (actions.length === 0 || !actions.every((action) => KMS_KEY_USES.has(action))) return '';
  const which =
    actions.length === 1 ? `${actions[0]} is a Write action` : 'these KMS key uses are Write actions';
  return ` (${which} in IAM's access levels)`;
}

/**
 * AWS managed policies that grant reads only, which this check leaves out: AWS's action catalog classes some of
 * their Get/List actions as Write or Permissions management (iot:ListSubscriptions, iot:GetConnection,
 * billing:GetResourcePolicy, athena:GetSessionEndpoint; and s3express:CreateSession, which they grant only in
 * `ReadOnly` session mode, whose sessions can only read: GetObject, HeadObject, ListObjectsV2, ...), so read they
 * failed every role that carries them with writes they do not grant. Left out by policy rather than by action
 * name: a catalog Write named Get* elsewhere stays a write. iam.role-wildcard-resource-read reads ReadOnlyAccess
 * for the reads it grants.
 */
const READ_ONLY_POLICIES: ReadonlySet<string> = new Set(['/ReadOnlyAccess', '/job-function/ViewOnlyAccess']);

/** The policies this check reads: those of the statement checks but READ_ONLY_POLICIES. */
function writePolicies(inventory: Inventory, role: IamRole): readonly RolePolicy[] {
  return customerPolicies(inventory, role).filter((policy) => {
    const managed = policy.managed;
    return !(
      policy.origin === 'aws-managed' &&
      managed?.awsManaged === 'yes' &&
      READ_ONLY_POLICIES.has(`${managed.path}${managed.name}`)
    );
  });
}

export default defineCheck({
  id: 'iam.role-wildcard-resource-write',
  title: 'Lambda execution role allows write actions on every resource',
  severity: 'high',
  resource: 'iam.role',
  description:
    'Looks at the Allow statements of the policies a Lambda execution role carries for write or ' +
    'permissions-management actions granted on every resource: `Resource: "*"` (or through `NotResource`), or an ' +
    'ARN naming every resource of a type, which is as broad for that service: `arn:aws:s3:::*` (every S3 bucket and object), ' +
    '`arn:aws:sqs:*:*:*` (every SQS queue in every account and region), ' +
    '`arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*` (every DynamoDB table in the account ' +
    'and region).',
  details:
    'One principle decides: an ARN names every resource of a type when every part of it that names ' +
    'a resource (an id) is only wildcards and the other parts name types. After the resource type (`table/`, ' +
    '`function:`, `secret:`) that is only wildcards, or types within it with wildcard ids (`table/*/index/*`, every ' +
    'index of every table), which count only for the actions that act on that type as the resource types of the IAM ' +
    'action catalog say (dynamodb:UpdateContributorInsights acts on an index; dynamodb:PutItem, on a table alone, ' +
    'so it passes there; logs:DeleteLogStream on `log-group:*:log-stream:*` fails, logs:DeleteLogGroup passes); a ' +
    'word between wildcards that the catalog gives the service as no type is part of a name (`parameter/*/config/*`, ' +
    '`secret:*/prod/*`: some parameters or secrets, which pass); ' +
    'wildcards after an id name what lies under it, not the resources themselves, since `*` matches `/` but the `/` ' +
    'between must be there: `table/*/*` is the indexes, streams and backups of every table, not the tables ' +
    '(dynamodb:PutItem passes there, dynamodb:DeleteBackup fails); where the catalog gives no type under it, the `/` ' +
    'is in the name: `parameter/*/*` is every SSM parameter below a path, and fails; `?` is one character, and no AWS text fixes the ' +
    'length of an id, so `/restapis/??????????` names some REST APIs and passes, but with a `*` (`table/?*`, ' +
    '`function:*?`) it names every id at least as long as its `?` are many, which is every id (none is empty), and ' +
    'fails as `*` does; `table/???*` is every DynamoDB table (their names are 3 characters or more), and ' +
    '`secret:*-??????` every secret (Secrets Manager ends each ARN with a hyphen and six random characters); ' +
    '`table/orders-?`, `table/???` and `table/????*` pass; ' +
    'for services whose ARNs start with the name (S3, SQS, SNS), only wildcards: ' +
    '`arn:aws:s3:::my-bucket/*` (the objects of one bucket), `table/orders-*` and `table/orders/index/*` pass. ' +
    "S3's buckets and objects have ARNs without region or account: `arn:aws:s3:::*/*` needs a `/`, which no bucket's " +
    'ARN has, so it names every object and counts only the writes the catalog lists on objects (s3:PutObject, ' +
    's3:DeleteObject; s3:DeleteBucket and s3:PutBucketPolicy there pass); `arn:aws:s3:::*` names every bucket and, ' +
    '`*` matching `/`, every object, so both count there, but not the writes on access points or batch jobs, whose ' +
    'ARNs carry a region and an account (`arn:aws:s3:*:*:*` names those too); the finding says what the writes it ' +
    'lists act on (s3:PutObject on `arn:aws:s3:::*` is on every object in every S3 bucket, s3:PutBucketVersioning on ' +
    'every S3 bucket), once, whichever of those ARNs grant them. A pass names such an ARN and the ' +
    'writes of its statement that do not act on what it names (a type within a type as well). API ' +
    'Gateway ARNs are paths of collections and ids (`arn:aws:apigateway:${AWS::Region}::/usageplans/*`, every usage ' +
    'plan in the region; `::/restapis/*`, every REST API; `::/apis/*/stages/*`, every stage of every HTTP or ' +
    'WebSocket API; `::/*/stages/*`, every stage of any API; `::/restapis/*/documentation/parts/*`), and a path may ' +
    'end on a collection (`::/restapis/*/stages`, where stages of every REST API are created), while ' +
    '`::/restapis/a1b2c3/*` (one API and everything under it) and `::/restapis/*/stages/prod` pass. A path counts only ' +
    'for the actions the catalog says act on what it names: apigateway:PATCH and DELETE on `::/apis/*/stages/*`, ' +
    'not apigateway:POST (which acts on the stage collection, `::/apis/*/stages`) or PUT; on a type for which the ' +
    "catalog lists no write (API Gateway V2's routes: it keeps V1's resource types for the verbs both share), every " +
    'API Gateway write still counts. On such an ARN only ' +
    'the actions that act on resources of its service count, as the resource types of the IAM action catalog say: ' +
    'kafka-cluster:WriteData on `arn:aws:kafka:${AWS::Region}:${AWS::AccountId}:*` (every MSK cluster, topic and ' +
    'group), s3 Object Lambda access point actions on `arn:aws:s3-object-lambda:...`; and on an IAM type only those ' +
    'the catalog lists that type for: iam:AttachRolePolicy and sts:AssumeRole on `arn:aws:iam::*:role/*`, not ' +
    'iam:CreateUser, iam:AddUserToGroup or codestar:CreateUserProfile, which act on a user or a group (a pass names ' +
    'them; `arn:aws:iam::*:${Kind}/*` with Kind a parameter may be any type, and stays `unknown`). Action wildcards are ' +
    'expanded through the IAM action catalog; an action it does not know gives `unknown` (the catalog may lag a ' +
    'new action), naming the action a misspelt name meant (`iam:CreateAcountAlias`: did you mean ' +
    'iam:CreateAccountAlias? IAM accepts any name in an identity policy, and one naming no action grants nothing). ' +
    'Actions that only ' +
    'support `Resource: "*"` (xray:PutTraceSegments and the like; and s3-object-lambda:WriteGetObjectResponse, ' +
    "which AWS's S3 User Guide and its managed policy AmazonS3ObjectLambdaExecutionRolePolicy grant on `*` alone) " +
    'are not reported: there is nothing narrower to write. ' +
    'A pass names those an Allow on `*` grants, less those a Deny on `*` takes back (`left out, as they accept only ' +
    '"*": bedrock:DeleteModelInvocationLoggingConfiguration and bedrock:PutModelInvocationLoggingConfiguration`), so ' +
    "that a role able to change an account's settings, such as turning off Bedrock's invocation logging, does not " +
    'read as one that writes nothing (more than five of more than three services are counted: `6 actions of 4 services`). ' +
    AWS_MANAGED_DETAILS +
    'This check leaves out ReadOnlyAccess and job-function/ViewOnlyAccess too: they grant reads only, some of which ' +
    'the action catalog classes as writes (iot:ListSubscriptions, billing:GetResourcePolicy); ' +
    'iam.role-wildcard-resource-read reports ReadOnlyAccess. ' +
    '(AWSLambdaBasicExecutionRole writes logs on `*` on every Lambda role.) Left out too is ' +
    'the logging it grants, written by hand: ' +
    'logs:CreateLogGroup, logs:CreateLogStream and logs:PutLogEvents on `*` or on every log group pass (any other ' +
    'write in the statement still fails). Likewise the network interfaces Lambda manages for a function in a VPC ' +
    'and for event sources reaching into one (Amazon MQ, MSK, self-managed Kafka), as AWSLambdaENIManagementAccess, ' +
    "AWSLambdaVPCAccessExecutionRole and SAM's VPCAccessPolicy grant them on `*`: ec2:CreateNetworkInterface, " +
    'ec2:DeleteNetworkInterface, ec2:DetachNetworkInterface, ec2:AssignPrivateIpAddresses and ' +
    'ec2:UnassignPrivateIpAddresses pass, on any role (any other ec2 write on `*`, such as ec2:CreateVpc, still ' +
    'fails). A customer managed policy that is not in the template gives `unknown`. ' +
    'A managed policy ARN not known before deploy (a parameter without default, an `!If` whose condition ' +
    'cannot be decided) is left to iam.role-admin-managed-policy, which reports it once as `unknown`. ' +
    'A pass names the AWS managed policies it leaves to iam.role-admin-managed-policy (`PowerUserAccess is left to iam.role-admin-managed-policy`). ' +
    "SAM policy templates scoped to a bucket or table pass; given `'*'` (`S3CrudPolicy: {BucketName: '*'}`, " +
    "`DynamoDBCrudPolicy: {TableName: '*'}`) they fail. A name from a parameter without default or an import could " +
    'be `*` (and a prefix before a `*` could be empty): such an ARN is `unknown` until the parameter is given ' +
    'with `-p`, unless its AllowedPattern or AllowedValues keep `*` and `?` out (`AllowedPattern: ^[a-z0-9.-]*$` ' +
    "on a bucket name: `arn:aws:s3:::${Bucket}/*` is then one bucket's objects and passes; it may still be empty, " +
    'so `table/${Prefix}*` stays `unknown`). Left out: iam:PassRole on `*` ' +
    '(iam.role-passrole-wildcard reports it) and cloudwatch:PutMetricData, which AWS documents on `*` with a ' +
    'cloudwatch:namespace condition. Conditions on keys that name the resource an action acts on are weighed: ' +
    'iam:AWSServiceName (the service-linked role of one service), secretsmanager:resource/AllowRotationLambdaArn (the ' +
    "secrets one function rotates, as AWS's rotation templates write it), secretsmanager:SecretId, lambda:FunctionArn " +
    'and s3:DataAccessPointArn (the access point a request goes through, and the objects it reaches; not ' +
    's3:DataAccessPointAccount, every access point of an account, nor s3:AccessPointNetworkOrigin). ' +
    'Compared with StringEquals, StringLike, ArnEquals or ArnLike (ForAnyValue too) to values without wildcards, they ' +
    'limit the actions the IAM action catalog lists the key for, which then pass, and the pass says which condition ' +
    'narrows them; an ARN pattern of secretsmanager:SecretId, lambda:FunctionArn or s3:DataAccessPointArn that names ' +
    'some resources (`arn:aws:secretsmanager:*:*:secret:app/*`, `arn:aws:s3:*:*:accesspoint/app-*`; not ' +
    '`accesspoint/*`) narrows as the same Resource would; `...IfExists` (which lets a ' +
    'request without the key through), ForAllValues, negations and other wildcard values do not, and the finding says why; a StringLike or Arn value from a parameter without default may be a ' +
    'wildcard (`unknown`), while StringEquals compares literally. A write narrowed only by a key the catalog does not ' +
    'list for it (iam:AWSServiceName on iam:DeleteServiceLinkedRole) is reported at low severity: IAM grants it to no ' +
    'request without the key. A tagging action on `*` (ec2:CreateTags, ecs:TagResource) whose condition needs its ' +
    "service's CreateAction key (`StringEquals ec2:CreateAction: RunInstances`; StringLike, StringEqualsIgnoreCase " +
    'and their ForAnyValue forms too, whatever the values) is no write on every resource: it runs only inside the ' +
    'create call it names and cannot retag existing resources, and the create action is judged by its own grant (the ' +
    'pass names the condition; `...IfExists`, ForAllValues and negations let a call without the key through, and ' +
    'the finding stays). Resource tags are weighed as attribute-based access control (ABAC, which the IAM User ' +
    'Guide recommends): a StringEquals, StringEqualsIgnoreCase or StringLike (without wildcards) on ' +
    '`aws:ResourceTag/<key>` or a service key such as `ec2:ResourceTag/<key>` limits the writes the IAM action ' +
    'catalog lists the key for to resources carrying the tag, and the finding then says `tagged Scheduled=true` and ' +
    'is reported at low severity: whoever may tag the resources chooses which. Not when the role itself may add tags ' +
    'to them (ec2:CreateTags, lambda:TagResource, a wildcard covering one, `*`, in any of its statements, on ' +
    'resources that may be among them, or a policy of it that cannot be read): the finding stays as it was and says ' +
    'the role may tag them itself. A tagging grant the role cannot use to choose the tag does not count: one a Deny ' +
    'without conditions takes back on those resources (`Deny ec2:CreateTags` on `*`), or one whose conditions keep ' +
    'it from giving the key a value wanted (`ForAllValues:StringEquals aws:TagKeys`, or a plain `StringEquals`, ' +
    'not listing the key, `StringEquals aws:RequestTag/Scheduled: false`, `Null aws:RequestTag/Scheduled: true`), ' +
    'or let it tag only within a call creating a resource (`StringEquals ec2:CreateAction: RunInstances`, or its ' +
    'ForAnyValue form, on any ' +
    '`<service>:CreateAction`: it cannot retag those that exist, whatever the values); a Deny that may not ' +
    'apply, or a condition value not known before deploy, leaves the role able to tag. Nor for IAM permissions management (iam:PutRolePolicy, iam:AttachRolePolicy, ' +
    "iam:CreatePolicyVersion): the role may carry the tag itself (SAM copies a function's Tags to its role) and then " +
    'change its own permissions. `...IfExists` (which lets resources without the tag through), ForAnyValue, ' +
    'ForAllValues, negations and wildcard values do not narrow, and the finding says why; writes the catalog does ' +
    'not list the key for are left as they were (the finding lists them and names those the tag limits); a value ' +
    'from a parameter without default is not weighed until given with `-p`. ' +
    "Other statement conditions are not evaluated, but a failing finding names those it does not weigh (`with conditions it does not weigh: StringEquals aws:SourceVpce`); a statement limited to requests AWS services make on the role's behalf (`Bool: {aws:ViaAWSService: true}`, forward access sessions, as AWS writes it for AD Connector) is not a grant to the function's own calls and is reported at low severity. " +
    BOUNDARY_DETAILS +
    'An Allow with NotResource grants a write nowhere when its NotResource names every ARN of the resource types ' +
    'the write may act on, in every partition (`arn:*:s3:*` or `arn:${AWS::Partition}:s3:*` beside s3:PutObject; ' +
    'not `arn:aws:s3:::*`, for s3:PutObject acts on objects reached through an access point too, ' +
    '`arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/key`; the sensitive reads of ' +
    'iam.role-wildcard-resource-read alike: GetSecretValue beside `arn:*:secretsmanager:*:*:secret:*`). ' +
    'An explicit Deny in the same policies overrides the Allow (IAM policy evaluation logic): a Deny without ' +
    'conditions whose Action covers a write and whose Resource covers every resource it is granted on cancels it; ' +
    'one whose NotResource names only some resources (`NotResource: [arn:aws:s3:::my-bucket, ' +
    'arn:aws:s3:::my-bucket/*]`, or a bucket of the template) limits it to those, which pass; one whose ' +
    'NotResource keeps only ARNs of services a write does not act on (s3:PutObject beside `NotResource: ' +
    'arn:aws:iam::*:role/*`, as the Service Authorization Reference lists its resource types, or IAM ARNs of ' +
    'another type: codestar:CreateUserProfile and iam:CreateUser act on an IAM user, not a role) cancels it, and ' +
    'the writes it leaves are said to be on what it keeps (`on every IAM role in every account`), not on every ' +
    'resource. The pass names the ' +
    'Deny and what it cancels or limits; a failing finding lists only the writes left, and names a Deny that would ' +
    'cancel them but for conditions it does not weigh; a Deny whose Action, Resource or NotResource is not known ' +
    'before deploy (a NotResource from a parameter without default could be `*`) gives `unknown`. ' +
    "A Deny whose NotResource keeps none of the resources granted (`NotResource: arn:aws:s3:::keep/*` beside `s3:*` on `arn:aws:s3:::other/*`) applies to all of them and cancels the grant, where no deploy could make them meet. The stack's region and account are not known before deploy: a Deny naming them by `${AWS::Region}` or `${AWS::AccountId}` beside a grant naming them as literal text (`us-east-1`, `123456789012`), or the reverse, covers it in some deploys only, and gives `unknown`, saying so, never a pass. So is its partition: a Deny on `arn:aws:...` beside a grant on `arn:${AWS::Partition}:...` does not reach it in another partition (aws-cn, aws-us-gov, the isolated aws-iso, aws-iso-b, aws-iso-e and aws-iso-f, the European Sovereign Cloud's aws-eusc), and gives `unknown`; the reverse (a Deny on `arn:${AWS::Partition}:...` beside a grant on `arn:aws:...`) still cancels it, as credentials of one partition cannot act on another's resources. A grant on `*` is on every resource of the stack's partition: a Deny listing a pattern for each (`arn:aws:*` and `arn:aws-*:*`, or `arn:aws-cn:*`, `arn:aws-us-gov:*` and one for each other partition beside `arn:aws:*`; `?` is one character, so `arn:aws-??:*` is aws-cn's) cancels it, and one reaching some partitions gives `unknown`. " +
    'A write acts only on the resource types the IAM action catalog lists for it, each an ARN of a service: a Deny ' +
    'whose Resource covers every ARN of those types in each partition (`Deny sqs:*` on `arn:*:sqs:*`, or on ' +
    '`arn:aws:sqs:*:*:*` with `arn:aws-*:sqs:*:*:*`, of every other partition, beside it) takes it back from a grant on `*`, and ' +
    'the finding no longer lists it (sqs:AddPermission, sqs:SendMessage act on a queue); on `arn:aws:sqs:*` alone, ' +
    '`unknown`, naming `${AWS::Partition}`; of every type the catalog lists for the service, not only its whole ARNs: ' +
    '`arn:*:secretsmanager:*:*:secret:*` is every secret, while `arn:*:s3:::*` leaves the objects reached through an ' +
    'access point. ' +
    'One finding per statement, listing a few of the actions and how many more (under a boundary Parapet reads, ' +
    'only those the boundary allows too: `sqs:*` under a boundary of `sqs:SendMessage` lists sqs:SendMessage alone); when they are only KMS key uses (kms:Decrypt, ' +
    "kms:GenerateDataKey, which IAM's access levels call Write), it says so.",
  risk: 'Write access on every resource lets a compromised function change or delete data it never touches in normal operation (every bucket, table, queue or key of the account), and permissions-management actions on `*` let it rewrite resource policies to open them to others.',
  remediation: {
    text: 'Scope the statement to the ARNs the function writes to (a bucket and its objects, a table and its indexes). Keep `Resource: "*"` only for actions that cannot be scoped. In SAM, policy templates such as S3CrudPolicy or DynamoDBCrudPolicy do this for you.',
    cloudformation:
      'Policies:\n' +
      '  - S3CrudPolicy:                 # SAM: s3 writes on this bucket only\n' +
      '      BucketName: !Ref UploadsBucket\n' +
      '  - Statement:\n' +
      '      - Effect: Allow\n' +
      '        Action: sqs:SendMessage\n' +
      '        Resource: !GetAtt JobsQueue.Arn   # not "*"\n',
    cdk:
      "import * as iam from 'aws-cdk-lib/aws-iam';\n" +
      '\n' +
      '// grant methods scope the statement to the resource\n' +
      'uploadsBucket.grantReadWrite(fn);\n' +
      'jobsQueue.grantSendMessages(fn);\n' +
      "// a statement of your own: the ARNs, not '*'\n" +
      "fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [jobsQueue.queueArn] }));\n" +
      '// A role CDK made for its own helper (log retention, bucket notifications) comes with aws-cdk-lib:\n' +
      '// suppress it by its construct path in parapet.yaml.\n',
    cli: 'aws iam put-role-policy --role-name <role> --policy-name <name> --policy-document file://scoped-policy.json',
    terraform:
      'data "aws_iam_policy_document" "fn" {\n' +
      '  statement {\n' +
      '    actions   = ["sqs:SendMessage"]\n' +
      '    resources = [aws_sqs_queue.jobs.arn]\n' +
      '  }\n' +
      '}\n',
  },
  compliance: {
    ...LEAST_PRIVILEGE,
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
    'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-templates.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecretsmanager.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/introduction_attribute-based-access-control.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html',
  ],
  evaluate(role, ctx) {
    const skip = statementChecksSkip(ctx.inventory, role);
    if (skip !== undefined) return ctx.notApplicable(skip);
    const aside = new Set<string>();
    const starOnly = new Set<string>();
    const narrowed: NarrowedWrite[] = [];
    const denied: DeniedWrite[] = [];
    const inapplicable: InapplicableWrites[] = [];
    // Copies of a nested template each given their own action or resource: each read (see deployedHits).
    const deployed = deployedHits(ctx.inventory, writePolicies(ctx.inventory, role), role, (policies) =>
      writeOnAllResources(policies, {
        inventory: ctx.inventory,
        leaveOut: leftOut,
        taggingPolicies: rolePolicies(ctx.inventory, role),
        onLeftOut: (actions) => {
          for (const action of actions) aside.add(action);
        },
        onWildcardOnly: (actions) => {
          for (const action of actions) starOnly.add(action);
        },
        onNarrowed: (writes) => narrowed.push(...writes),
        onDenied: (writes) => denied.push(...writes),
        onInapplicable: (writes) => inapplicable.push(writes),
      }),
    );
    const { copy = '' } = deployed;
    // The boundary read with the same analysis: what it leaves out of the role's hits is left out of its own.
    const bounded = withinBoundary(
      ctx.inventory,
      role,
      deployed.hits,
      (input: PolicyInput) => writeOnAllResources(input, writeOptions(ctx.inventory)),
      boundaryAllowsSome,
    );
    const hits = bounded.hits;
    if (hits.length === 0) {
      const left = leftOutWords(aside, starOnly);
      const takenBack = deniedWords(denied, role);
      return ctx.pass(
        `no statement allows write actions on every resource, or on every resource of a type${left}` +
          inapplicableWords(inapplicable) +
          narrowedWords(narrowed) +
          (takenBack === '' ? '' : ` (${takenBack})`) +
          bounded.limitedWords +
          leftToAdminCheck(ctx.inventory, role),
      );
    }
    return groupHits(hits, role).map((group) => {
      const where = group.source ? { where: group.source } : {};
      const boundary = bounded.words(group.hits);
      if (group.answer === 'unknown') {
        return ctx.unknown(unknownMessage(group, 'allows write actions on every resource', boundary), {
          key: group.key,
          ...where,
        });
      }
      const certain = group.hits.filter((hit) => hit.answer === 'yes').map(withinBounds(bounded));
      const granted = [...new Set(certain.flatMap((hit) => hit.actions))];
      // Once a Deny or the boundary has cut some of what `*` grants, what is left is worth listing; so it is once a
      // tag condition has limited some of the writes named.
      const cut = certain.some((hit) => (hit.denied?.actions.length ?? 0) > 0 || !group.hits.includes(hit));
      const tagCut = certain.some(partlyTagged);
      const actions =
        (certain.some(grantsEverything) && !cut && !tagCut) || (certain.every(namesOnly) && !tagCut)
          ? []
          : granted;
      const total = certain.length === 1 ? certain[0]?.actionCount : undefined;
      const permissions = certain.some((hit) => hit.levels.includes('Permissions management'))
        ? ' (permissions management included)'
        : certain.length > 0 && certain.every((hit) => hit.taggingOnly)
          ? ' (tagging only: tags decide access where policies test them)'
          : '';
      const resource = resourceConditionNote(certain);
      const note = conditionNote(group, resource.weighed);
      const level = levelNote(granted);
      const low = note.viaServiceOnly || resource.unlistedOnly || resource.taggedOnly;
      const denies = denyNote(certain, role);
      return ctx.fail(
        `${group.label}: ${reasonsOf(group)}${sample(actions, total)}${level}${permissions}${resource.words}${denies}${note.words}${copy}${boundary}.`,
        { key: group.key, ...where, ...(low ? { severity: 'low' as const } : {}) },
      );
    });
  },
});
