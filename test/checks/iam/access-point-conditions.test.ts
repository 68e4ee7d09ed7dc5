import { describe, expect, it } from 'vitest';
import readCheck from '../../../src/checks/iam/role-wildcard-resource-read.js';
import check from '../../../src/checks/iam/role-wildcard-resource-write.js';
import { scanTemplate } from '../../helpers/scan-template.js';
import { conditioned } from './fixtures.js';

const WRITES = '[s3:PutObject, s3:PutObjectTagging]';
const FILEDROP = 'arn:aws:s3:us-west-2:123456789012:accesspoint/filedrop';

/** `operator: { key: value }` as a condition line of `conditioned`. */
const condition = (operator: string, value: string, key = 's3:DataAccessPointArn') =>
  `                  ${operator}: { ${key}: '${value}' }\n`;

/** The failing finding of `WRITES` on `*` under a condition on s3:DataAccessPointArn that does not narrow it. */
const wide = (words: string) => [
  'high',
  'inline policy app, Statement[0]: Allow grants write actions ("s3:PutObject", "s3:PutObjectTagging") on every ' +
    `resource (${words}).`,
];

describe('iam.role-wildcard-resource-write: s3:DataAccessPointArn', () => {
  it('passes object writes on `*` limited to one access point, saying what the condition leaves', () => {
    const { failed, unknown, passed } = scanTemplate(
      conditioned(WRITES, condition('StringEquals', FILEDROP)),
      check,
    );
    expect([...failed, ...unknown]).toEqual([]);
    expect(passed.map((f) => f.message)).toEqual([
      'no statement allows write actions on every resource, or on every resource of a type (StringEquals ' +
        's3:DataAccessPointArn limits s3:PutObject, s3:PutObjectTagging to the access point named and the ' +
        'objects reached through it)',
    ]);
  });

  it('passes an ARN pattern naming access points by the start of their name', () => {
    const { failed, unknown, passed } = scanTemplate(
      conditioned(WRITES, condition('ArnLike', 'arn:aws:s3:*:123456789012:accesspoint/filedrop-*')),
      check,
    );
    expect([...failed, ...unknown]).toEqual([]);
    expect(passed[0]?.message).toContain(
      'ArnLike s3:DataAccessPointArn limits s3:PutObject, s3:PutObjectTagging to those matching ' +
        'arn:aws:s3:*:123456789012:accesspoint/filedrop-*',
    );
  });

  it('fails at high severity on a pattern matching every access point (of an account, or anywhere)', () => {
    for (const pattern of [
      'arn:aws:s3:us-west-2:123456789012:accesspoint/*',
      'arn:aws:s3:us-west-2:123456789012:accesspoint*',
      'arn:aws:s3:us-west-2:123456789012:*',
      'arn:aws:s3:*:*:accesspoint/*',
      'arn:aws:s3:*',
      '*',
    ]) {
      const { failed } = scanTemplate(conditioned(WRITES, condition('StringLike', pattern)), check);
      expect(
        failed.map((f) => [f.severity, f.message]),
        pattern,
      ).toEqual([
        wide('StringLike s3:DataAccessPointArn does not narrow it: its values match any (a wildcard)'),
      ]);
    }
  });

  it('fails at high severity when the operator lets a request without the key through, or negates', () => {
    const cases: [string, string][] = [
      ['StringEqualsIfExists', 'an ...IfExists operator passes when the request has no value for the key'],
      ['ForAllValues:StringEquals', 'ForAllValues passes when the request has no value for the key'],
      ['StringNotEquals', 'a negated operator allows every other value'],
    ];
    for (const [operator, why] of cases) {
      const { failed } = scanTemplate(conditioned(WRITES, condition(operator, FILEDROP)), check);
      expect(
        failed.map((f) => [f.severity, f.message]),
        operator,
      ).toEqual([wide(`${operator} s3:DataAccessPointArn does not narrow it: ${why}`)]);
    }
  });

  it('does not weigh the access point account or network origin, which name no access point, and names them', () => {
    for (const [key, value] of [
      ['s3:DataAccessPointAccount', '123456789012'],
      ['s3:AccessPointNetworkOrigin', 'VPC'],
    ]) {
      const { failed } = scanTemplate(
        conditioned(WRITES, condition('StringEquals', value as string, key)),
        check,
      );
      expect(
        failed.map((f) => [f.severity, f.message]),
        key,
      ).toEqual([wide(`with conditions it does not weigh: StringEquals ${key}`)]);
    }
  });

  it('passes the access point writes limited to the access point named, as the reference lists the key for them', () => {
    const writes = '[s3:CreateAccessPoint, s3:DeleteAccessPoint, s3:PutAccessPointPolicy]';
    const { failed, unknown, passed } = scanTemplate(
      conditioned(writes, condition('StringEquals', FILEDROP)),
      check,
    );
    expect([...failed, ...unknown]).toEqual([]);
    expect(passed.map((f) => f.message)).toEqual([
      'no statement allows write actions on every resource, or on every resource of a type (StringEquals ' +
        's3:DataAccessPointArn limits s3:CreateAccessPoint, s3:DeleteAccessPoint, s3:PutAccessPointPolicy to the ' +
        'access point named and the objects reached through it)',
    ]);
    const anyPoint = scanTemplate(
      conditioned(writes, condition('StringLike', 'arn:aws:s3:*:*:accesspoint/*')),
      check,
    );
    expect(anyPoint.failed.map((f) => f.severity)).toEqual(['high']);
  });

  it('reports at low severity a bucket write, for which the reference does not list the key', () => {
    const { failed } = scanTemplate(
      conditioned('[s3:PutObject, s3:PutBucketVersioning]', condition('StringEquals', FILEDROP)),
      check,
    );
    expect(failed.map((f) => [f.severity, f.message])).toEqual([
      [
        'low',
        'inline policy app, Statement[0]: Allow grants write actions ("s3:PutBucketVersioning") on every resource ' +
          '(StringEquals s3:DataAccessPointArn narrows its other writes to the resources it names; the Service ' +
          'Authorization Reference does not list the key of StringEquals s3:DataAccessPointArn for these writes: ' +
          'IAM grants them to no request that lacks it, so this is reported at low severity).',
      ],
    ]);
  });

  it('is unknown for a StringLike value from a parameter without default, and passes once it is given', () => {
    const text = conditioned(
      WRITES,
      '                  StringLike: { s3:DataAccessPointArn: !Ref AccessPoint }\n',
      'Parameters:\n  AccessPoint: { Type: String }\n',
    );
    const { failed, unknown, passed } = scanTemplate(text, check);
    expect([...failed, ...passed]).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'StringLike s3:DataAccessPointArn may be a wildcard: its value is not known before deploy',
      ),
    ]);
    const given = { parameters: { AccessPoint: FILEDROP } };
    expect(scanTemplate(text, check, given).passed).toHaveLength(1);
  });
});

describe('iam.role-wildcard-resource-read: s3:DataAccessPointArn', () => {
  it('passes s3:GetObject on `*` limited to one access point', () => {
    const { failed, unknown, passed } = scanTemplate(
      conditioned('s3:GetObject', condition('StringEquals', FILEDROP)),
      readCheck,
    );
    expect([...failed, ...unknown]).toEqual([]);
    expect(passed).toHaveLength(1);
    const open = scanTemplate(conditioned('s3:GetObject'), readCheck);
    expect(open.failed).toHaveLength(1);
  });
});
