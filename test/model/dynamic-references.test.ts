// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import { instantiate, openPlaceholders } from '../../src/iam/templates.js';
import {
  dynamicReferenceShape,
  dynamicReferenceText,
  writtenDynamicReferences,
} from '../../src/model/dynamic-references.js';
import { isUnknown, Unknown, unknown } from '../../src/model/values.js';

describe('dynamic references', () => {
  it('keeps text without a dynamic reference as it is, a lone {{resolve: fragment too', () => {
    expect(dynamicReferenceText('arn:aws:s3:::bucket/*')).toBe('arn:aws:s3:::bucket/*');
    expect(dynamicReferenceText('{{resolve:secretsmanager:')).toBe('{{resolve:secretsmanager:');
  });

  it('makes a whole reference unknown, naming it and where CloudFormation reads it, never a value', () => {
    const value = dynamicReferenceText('{{resolve:ssm:/partner/account}}');
    expect(value).toEqual(
      unknown(
        'dynamic reference {{resolve:ssm:/partner/account}}, read from SSM Parameter Store at deploy',
        '${resolve:ssm:/partner/account}',
      ),
    );
    const secret = dynamicReferenceText('{{resolve:secretsmanager:DbSecret:SecretString:password}}');
    expect(isUnknown(secret) && secret.reason).toBe(
      'dynamic reference {{resolve:secretsmanager:DbSecret:SecretString:password}}, read from Secrets Manager at deploy',
    );
    const secure = dynamicReferenceText('{{resolve:ssm-secure:/db/password:3}}');
    expect(isUnknown(secure) && secure.reason).toBe(
      'dynamic reference {{resolve:ssm-secure:/db/password:3}}, read from SSM Parameter Store (SecureString) at deploy',
    );
  });

  it('makes text that embeds a reference unknown, the reference an open part of its shape (it may give *)', () => {
    const value = dynamicReferenceText('arn:aws:s3:::{{resolve:ssm:b}}/*');
    expect(isUnknown(value) && value.template).toBe('arn:aws:s3:::${resolve:ssm:b}/*');
    expect(openPlaceholders(value)).toEqual(['${resolve:ssm:b}']);
    // Not read as an IAM policy variable (`${aws:username}`), which is specific text.
    expect(instantiate(value, 'anyPattern')).toBe('arn:aws:s3:::*/*');
  });

  it('turns a reference built around an unknown part into a part of its own, and writes it back', () => {
    const built = new Unknown('from parameter Env', '{{resolve:ssm:/${Env}/bucket}}-${Suffix}', {
      noWildcard: ['Env', 'Suffix'],
      resources: ['Env'],
      keepsOut: { parameter: 'Env', empty: true, awsManagedAliases: false },
    });
    const shape = dynamicReferenceShape(built);
    expect(shape.template).toBe('${resolve:ssm:/$(Env)/bucket}-${Suffix}');
    expect(shape.reason).toBe(
      'dynamic reference {{resolve:ssm:/${Env}/bucket}}, read from SSM Parameter Store at deploy',
    );
    // What the details said of Env no longer holds: the reference may give anything.
    expect(shape.noWildcard).toEqual(['Suffix']);
    expect(shape.resources).toBeUndefined();
    expect(shape.keepsOut).toBeUndefined();
    expect(writtenDynamicReferences(shape.template as string)).toBe(
      '{{resolve:ssm:/${Env}/bucket}}-${Suffix}',
    );
  });
});
