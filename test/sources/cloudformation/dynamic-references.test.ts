// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import { isUnknown, unknown } from '../../../src/model/values.js';
import type { TemplateIssue } from '../../../src/sources/cloudformation/intrinsic-values.js';
import { Resolver } from '../../../src/sources/cloudformation/intrinsics.js';

const template = {
  Parameters: {
    Env: { Type: 'String', Default: 'prod' },
    NoDefault: { Type: 'String' },
    FromStore: { Type: 'String', Default: '{{resolve:ssm:/app/bucket:1}}' },
  },
  Conditions: { IsPartner: { 'Fn::Equals': ['{{resolve:ssm:/app/partner}}', 'yes'] } },
  Resources: { Secret: { Type: 'AWS::SecretsManager::Secret' } },
};

function resolver() {
  const issues: TemplateIssue[] = [];
  const r = new Resolver(template, new Set(['Secret']), (i) => issues.push(i));
  return { r, issues };
}

/** The shape (template) of what `raw` resolves to, which must be unknown. */
function shapeOf(raw: unknown): string | undefined {
  const value = resolver().r.value(raw);
  if (!isUnknown(value)) throw new Error(`known: ${JSON.stringify(value)}`);
  return value.template;
}

describe('Resolver: {{resolve:…}} dynamic references are not known before deploy', () => {
  it('makes written text holding one unknown, naming the reference', () => {
    expect(resolver().r.value('{{resolve:ssm:/app/bucket-arn}}')).toEqual(
      unknown(
        'dynamic reference {{resolve:ssm:/app/bucket-arn}}, read from SSM Parameter Store at deploy',
        '${resolve:ssm:/app/bucket-arn}',
      ),
    );
    expect(resolver().r.value(['arn:aws:s3:::{{resolve:ssm:b}}/*', 'plain'])).toEqual([
      unknown(
        'dynamic reference {{resolve:ssm:b}}, read from SSM Parameter Store at deploy',
        'arn:aws:s3:::${resolve:ssm:b}/*',
      ),
      'plain',
    ]);
  });

  it('makes what Fn::Sub, Fn::Join and a parameter default build around one unknown', () => {
    expect(shapeOf({ 'Fn::Sub': 'arn:aws:s3:::{{resolve:ssm:/${Env}/bucket}}/*' })).toBe(
      'arn:aws:s3:::${resolve:ssm:/prod/bucket}/*',
    );
    expect(shapeOf({ 'Fn::Join': ['', ['arn:aws:s3:::', '{{resolve:ssm:b}}', '/*']] })).toBe(
      'arn:aws:s3:::${resolve:ssm:b}/*',
    );
    expect(shapeOf({ 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'Secret' }, '}}']] })).toBe(
      '${resolve:secretsmanager:$(Secret)}',
    );
    expect(shapeOf({ Ref: 'FromStore' })).toBe('${resolve:ssm:/app/bucket:1}');
    // A part not known before deploy inside the reference: the reference still a part of its own.
    expect(shapeOf({ 'Fn::Sub': '{{resolve:ssm:/${NoDefault}/bucket}}' })).toBe(
      '${resolve:ssm:/$(NoDefault)/bucket}',
    );
  });

  it('leaves text without one, and text only like one, known', () => {
    expect(resolver().r.value({ 'Fn::Sub': 'arn:aws:s3:::${Env}-bucket/*' })).toBe(
      'arn:aws:s3:::prod-bucket/*',
    );
    expect(resolver().r.value('{resolve:ssm:x}')).toBe('{resolve:ssm:x}');
  });

  it('cannot decide a condition that compares one', () => {
    expect(isUnknown(resolver().r.conditionNamed('IsPartner'))).toBe(true);
  });
});
