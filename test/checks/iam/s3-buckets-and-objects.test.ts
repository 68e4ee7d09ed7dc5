// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { describe, expect, it } from 'vitest';
import wildcardAction from '../../../src/checks/iam/role-wildcard-action.js';
import readCheck from '../../../src/checks/iam/role-wildcard-resource-read.js';
import check from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { actionsOnNameFirstType, serviceActions } from '../../../src/iam/action-data.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { allow, appRole, inline } from './fixtures.js';

// `arn:aws:s3:::*/*` needs a `/`, which no bucket's ARN (`arn:aws:s3:::${BucketName}`) has: it names objects alone.
// `arn:aws:s3:::*` names every bucket and, `*` matching `/`, every object; neither names an access point or a
// job, whose ARNs carry a region and an account. An action counts where the Service Authorization Reference lists a
// resource type it names.
const OBJECTS = "'arn:aws:s3:::*/*'";
const BUCKETS = "'arn:aws:s3:::*'";
const scan = (statements: string, extra = '', parameters?: Record<string, string>) =>
  scanTemplate(appRole(inline(statements), extra), check, parameters ? { parameters } : {});

describe('iam.role-wildcard-resource-write on every S3 object or bucket', () => {
  it('passes bucket writes on every object, saying they do not act on objects', () => {
    const { failed, unknown, passed, errors } = scan(allow('[s3:DeleteBucket, s3:PutBucketPolicy]', OBJECTS));
    expect(errors).toEqual([]);
    expect([failed, unknown]).toEqual([[], []]);
    expect(passed.map((f) => f.message)).toEqual([
      'no statement allows write actions on every resource, or on every resource of a type ("arn:aws:s3:::*/*" ' +
        'names every object in every S3 bucket, which s3:DeleteBucket and s3:PutBucketPolicy do not act on)',
    ]);
  });

  it('names only the object writes of a statement mixing them with bucket writes', () => {
    const { failed } = scan(allow('[s3:PutObject, s3:DeleteBucket, s3:PutBucketPolicy]', OBJECTS));
    expect(failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants write actions ("s3:PutObject") on every object in every S3 ' +
        'bucket ("arn:aws:s3:::*/*").',
    ]);
  });

  it('lists only object writes for s3:* on every object, and counts them all', () => {
    const { failed } = scan(allow('s3:*', OBJECTS));
    expect(failed).toHaveLength(1);
    const [, listed = '', more = ''] = /\): (.*) and (\d+) more/.exec(failed[0]?.message ?? '') ?? [];
    const objects = actionsOnNameFirstType('s3', '*/*');
    // Every object write at the levels the check weighs (Write, Permissions management): the catalog's 25.
    const weighed = [...(objects ?? [])].filter((name) => {
      const levels = serviceActions('s3')?.get(name.slice(3).toLowerCase())?.levels;
      return levels?.has('Write') || levels?.has('Permissions management');
    });
    expect(Number(more)).toBe(weighed.length - 5);
    const buckets = actionsOnNameFirstType('s3', '*');
    expect(listed.split(', ')).toHaveLength(5);
    for (const action of listed.split(', ')) {
      expect(objects?.has(action), action).toBe(true);
      expect(buckets?.has(action), action).toBe(false);
    }
    expect(failed[0]?.message).toMatch(/\(permissions management included\)\.$/);
  });

  it('counts each action where it applies when a statement names both every bucket and every object', () => {
    const { failed } = scan(allow('[s3:PutObject, s3:DeleteBucket]', `[${OBJECTS}, ${BUCKETS}]`));
    expect(failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants write actions ("s3:PutObject", "s3:DeleteBucket") on every S3 ' +
        'bucket and object ("arn:aws:s3:::*").',
    ]);
  });

  it('still fails object writes on every bucket: `*` matches `/`, so arn:aws:s3:::* names every object too', () => {
    const { failed } = scan(allow('[s3:PutObject, s3:DeleteObject]', BUCKETS));
    expect(failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants write actions ("s3:PutObject", "s3:DeleteObject") on every ' +
        'object in every S3 bucket ("arn:aws:s3:::*").',
    ]);
  });

  it('says a bucket write on arn:aws:s3:::* is on every bucket', () => {
    const { failed } = scan(allow('s3:PutBucketVersioning', BUCKETS));
    expect(failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants write actions ("s3:PutBucketVersioning") on every S3 bucket ' +
        '("arn:aws:s3:::*").',
    ]);
  });

  it('says what the writes and the reads granted on arn:aws:s3:::* act on', () => {
    // s3:PutObject acts on objects alone: `every S3 bucket` would read as a miss of the objects, and `every S3 bucket
    // and object` names buckets it does not write. The catalog file records the S3 types of every level, so a read
    // (s3:GetObject, on the object type only) is worded the same.
    const text = appRole(inline(allow('[s3:GetObject, s3:PutObject]', BUCKETS)));
    const write = scanTemplate(text, check);
    expect(write.failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants write actions ("s3:PutObject") on every object in every S3 ' +
        'bucket ("arn:aws:s3:::*").',
    ]);
    const read = scanTemplate(text, readCheck);
    expect(read.failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants sensitive reads ("s3:GetObject") on every object in every S3 ' +
        'bucket ("arn:aws:s3:::*").',
    ]);
  });

  it('words the reads on arn:aws:s3:::* by what they act on, and passes them on one bucket or a bucket read alone', () => {
    const reads = (actions: string, resource: string) =>
      scanTemplate(appRole(inline(allow(actions, resource))), readCheck);
    const both = reads('[s3:GetObjectVersion, s3:GetBucketPolicy, s3:ListBucket]', BUCKETS);
    expect(both.failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants sensitive reads ("s3:GetObjectVersion") on every object in ' +
        'every S3 bucket ("arn:aws:s3:::*").',
    ]);
    const oneBucket = reads('s3:GetObject', "'arn:aws:s3:::my-bucket/*'");
    expect([oneBucket.failed, oneBucket.unknown]).toEqual([[], []]);
    const bucketReads = reads('[s3:GetBucketPolicy, s3:ListBucket]', BUCKETS);
    expect([bucketReads.failed, bucketReads.unknown]).toEqual([[], []]);
  });

  it('passes access point writes on every bucket (no region or account), but not on every S3 resource', () => {
    const writes = '[s3:CreateAccessPoint, s3:PutAccessPointPolicy]';
    const regionless = scan(allow(writes, BUCKETS));
    expect([regionless.failed, regionless.unknown]).toEqual([[], []]);
    expect(regionless.passed[0]?.message).toBe(
      'no statement allows write actions on every resource, or on every resource of a type ("arn:aws:s3:::*" ' +
        'names every S3 bucket and object, which s3:CreateAccessPoint and s3:PutAccessPointPolicy do not act on)',
    );
    const anywhere = scan(allow(writes, "'arn:aws:s3:*:*:*'"));
    expect(anywhere.failed.map((f) => f.message)).toEqual([
      'inline policy app, Statement[0]: Allow grants write actions ("s3:CreateAccessPoint", "s3:PutAccessPointPolicy") ' +
        'on every S3 resource in every account and region ("arn:aws:s3:*:*:*") (permissions management included).',
    ]);
  });

  describe('a bucket name not known before deploy', () => {
    const parameter = 'Parameters:\n  Bucket: { Type: String }\n';
    const objectsOf = "!Sub 'arn:aws:s3:::${Bucket}/*'";

    it('is unknown for object writes on its objects, and fails once the name given is `*`', () => {
      const { failed, unknown } = scan(allow('s3:PutObject', objectsOf), parameter);
      expect(failed).toEqual([]);
      expect(unknown.map((f) => f.message)).toEqual([
        'inline policy app, Statement[0] may grant write actions ("s3:PutObject") on every object in every S3 ' +
          'bucket ("arn:aws:s3:::${Bucket}/*"): the Resource is not known before deploy (from parameter Bucket, ' +
          'which has no default).',
      ]);
      expect(scan(allow('s3:PutObject', objectsOf), parameter, { Bucket: '*' }).failed).toHaveLength(1);
    });

    it('says once what the object writes on a bucket and its objects may reach, naming both Resource elements', () => {
      // As a real template writes it: the bucket's ARN and its objects', from one parameter read from SSM.
      const ssm =
        'Parameters:\n  Bucket: { Type: AWS::SSM::Parameter::Value<String>, Default: /app/bucket }\n';
      const both = `[!Sub 'arn:aws:s3:::\${Bucket}', ${objectsOf}]`;
      const { failed, unknown } = scan(allow('[s3:PutObject]', both), ssm);
      expect(failed).toEqual([]);
      expect(unknown.map((f) => f.message)).toEqual([
        'inline policy app, Statement[0] may grant write actions ("s3:PutObject") on every object in every S3 ' +
          'bucket ("arn:aws:s3:::${Bucket}", "arn:aws:s3:::${Bucket}/*"): the Resource is not known before deploy ' +
          '(from parameter Bucket, read from SSM Parameter Store at deploy).',
      ]);
      const mixed = scan(allow('[s3:PutObject, s3:DeleteBucket]', both), ssm);
      expect(mixed.unknown.map((f) => f.message)).toEqual([
        expect.stringContaining(
          '("s3:PutObject", "s3:DeleteBucket") on every S3 bucket and object ("arn:aws:s3:::${Bucket}", ' +
            '"arn:aws:s3:::${Bucket}/*")',
        ),
      ]);
    });

    it('passes bucket writes on its objects, whatever the name is', () => {
      const { failed, unknown, passed } = scan(allow('s3:DeleteBucket', objectsOf), parameter);
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed[0]?.message).toBe(
        'no statement allows write actions on every resource, or on every resource of a type ' +
          '("arn:aws:s3:::${Bucket}/*" may name every object in every S3 bucket, which s3:DeleteBucket does not ' +
          'act on)',
      );
    });

    it('stays unknown for bucket writes when the whole Resource is a parameter', () => {
      const { failed, unknown } = scan(allow('s3:DeleteBucket', '!Ref Bucket'), parameter);
      expect(failed).toEqual([]);
      expect(unknown.map((f) => f.message)).toEqual([expect.stringContaining('may grant write actions')]);
    });
  });

  it('leaves iam.role-wildcard-action alone: s3:* on every object is still a wildcard action', () => {
    const { failed } = scanTemplate(appRole(inline(allow('s3:*', OBJECTS))), wildcardAction);
    expect(failed.map((f) => f.message)).toEqual([expect.stringContaining('"s3:*"')]);
  });
});
