import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/layer-permission-public.js';
import { defaultHeader, MAYBE_MADE_HEADER, type Nesting, scanNestings } from '../../helpers/nestings.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';

const grant = (principal: string, props = '', extra = '') =>
  template(
    `  SharedLayer:
    Type: AWS::Lambda::LayerVersion
    Properties:
      Content: { S3Bucket: artifacts, S3Key: layers/shared.zip }
  SharedLayerGrant:
    Type: AWS::Lambda::LayerVersionPermission
    Properties:
      LayerVersionArn: !Ref SharedLayer
      Action: lambda:GetLayerVersion
      Principal: ${principal}
${props}`,
    extra,
  );

describe('lambda.layer-permission-public', () => {
  it('fails Principal * without OrganizationId and points at the Principal line', () => {
    const { failed, errors } = scanTemplate(grant("'*'"), check);
    expect(errors).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('SharedLayerGrant');
    expect(failed[0]?.severity).toBe('medium');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 12, column: 7 });
  });

  it('passes * limited to an organization, and a grant to one account', () => {
    const org = scanTemplate(grant("'*'", '      OrganizationId: o-a1b2c3d4e5\n'), check);
    expect(org.failed).toEqual([]);
    expect(org.passed[0]?.message).toContain('organization o-a1b2c3d4e5');
    const account = scanTemplate(grant("'111122223333'"), check);
    expect(account.failed).toEqual([]);
    expect(account.passed).toHaveLength(1);
  });

  it('is unknown when the principal or the OrganizationId comes from a parameter without default', () => {
    const params = 'Parameters:\n  Consumer: { Type: String }\n  OrgId: { Type: String }\n';
    const principal = scanTemplate(grant('!Ref Consumer', '', params), check);
    expect(principal.failed).toEqual([]);
    expect(principal.unknown.map((f) => f.property)).toEqual(['Principal']);
    const org = scanTemplate(
      grant(
        "'*'",
        '      OrganizationId: !If [HasOrg, !Ref OrgId, !Ref AWS::NoValue]\n',
        `${params}Conditions:\n  HasOrg: !Not [!Equals [!Ref OrgId, '']]\n`,
      ),
      check,
    );
    expect(org.failed).toEqual([]);
    expect(org.unknown.map((f) => f.property)).toEqual(['OrganizationId']);
  });

  it('is unknown for * with an empty OrganizationId: the deploy may fail on it, or it may be dropped', () => {
    const empty = scanTemplate(grant("'*'", "      OrganizationId: ''\n"), check);
    expect(empty.failed).toEqual([]);
    expect(empty.passed).toEqual([]);
    expect(empty.unknown.map((f) => [f.property, f.message])).toEqual([
      [
        'OrganizationId',
        'The layer may be shared with every AWS account: its OrganizationId is empty, which names no organization ' +
          '(an id is o- and 10 to 32 lowercase letters or digits): the deploy may fail on it, or CloudFormation may drop it ' +
          'and share the layer with every AWS account.',
      ],
    ]);
    // Text that is not an organization id pins no organization that can be known either.
    const notAnId = scanTemplate(grant("'*'", '      OrganizationId: my-org\n'), check);
    expect(notAnId.passed).toEqual([]);
    expect(notAnId.unknown.map((f) => [f.property, f.message])).toEqual([
      [
        'OrganizationId',
        'The layer may be shared with every AWS account: its OrganizationId my-org is not an organization id ' +
          '(o- and 10 to 32 lowercase letters or digits), so it pins no caller that can be known: the deploy may fail on it.',
      ],
    ]);
    // Granted to one account, the empty OrganizationId changes nothing: no one else gets the layer either way.
    const account = scanTemplate(grant("'111122223333'", "      OrganizationId: ''\n"), check);
    expect(account.passed.map((f) => f.message)).toEqual(['shared with 111122223333 only']);
  });

  it('is not applicable, not failed, for * without LayerVersionArn: CloudFormation rejects it (the scan error)', () => {
    const { findings, errors } = scanTemplate(
      grant("'*'").replace('      LayerVersionArn: !Ref SharedLayer\n', ''),
      check,
    );
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('LayerVersionArn')]);
    expect(findings).toEqual([]);
  });

  it('fails * whose Action is a default Lambda refuses: every deploy that works gives lambda:GetLayerVersion', () => {
    const text = grant("'*'", '', "Parameters:\n  Act: { Type: String, Default: 'lambda:*' }\n").replace(
      'Action: lambda:GetLayerVersion',
      'Action: !Ref Act',
    );
    const { failed, errors } = scanTemplate(text, check);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining('a deploy that keeps that default fails'),
    ]);
    expect(failed.map((f) => f.resource.id)).toEqual(['SharedLayerGrant']);
  });

  it('fails a SAM layer shared with everyone, reported on the permission', () => {
    const sam = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  SharedLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layer/
  Everyone:
    Type: AWS::Lambda::LayerVersionPermission
    Properties:
      LayerVersionArn: !Ref SharedLayer
      Action: lambda:GetLayerVersion
      Principal: '*'
`;
    const { failed, errors } = scanTemplate(sam, check);
    expect(errors).toEqual([]);
    expect(failed.map((f) => f.resource.id)).toEqual(['Everyone']);
  });
});

describe('lambda.layer-permission-public on a template nested more than once', () => {
  /** child.yaml: layer SharedLayer shared with parameter Principal. */
  const CHILD = grant('!Ref Principal', '', 'Parameters:\n  Principal:\n    Type: String\n');
  const principals = (...texts: string[]) =>
    texts.map((text) => ({ parameters: { Principal: `'${text}'` } }));
  const found = (scan: ReturnType<typeof scanNestings>) =>
    scan.of('lambda.layer-permission-public', 'SharedLayerGrant');

  it('fails when one nesting shares the layer with *: that copy is deployed so, and the finding names it', () => {
    const result = found(scanNestings(CHILD, principals('123456789012', '*')));
    expect(result.map((f) => f.status)).toEqual(['fail']);
    expect(result[0]?.message).toContain(
      'each deployed by its own copy; where it is *: The layer version is shared',
    );
  });

  it('passes when every nesting shares it with one account', () => {
    expect(
      found(scanNestings(CHILD, principals('123456789012', '210987654321'))).map((f) => f.status),
    ).toEqual(['pass']);
  });

  it('is unknown when the nesting sharing it with * may not be made, or gives * by default', () => {
    const maybe: Nesting = { parameters: { Principal: "'*'" }, condition: 'IsOld' };
    const conditional = scanNestings(CHILD, [...principals('123456789012'), maybe], MAYBE_MADE_HEADER);
    expect(found(conditional).map((f) => f.status)).toEqual(['unknown']);
    const byDefault = scanNestings(
      CHILD,
      [...principals('123456789012'), { parameters: { Principal: '!Ref Given' } }],
      defaultHeader('*'),
    );
    expect(found(byDefault).map((f) => f.status)).toEqual(['unknown']);
  });
});
