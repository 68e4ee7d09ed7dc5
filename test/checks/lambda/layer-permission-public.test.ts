import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/layer-permission-public.js';
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
