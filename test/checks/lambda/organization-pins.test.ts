import { describe, expect, it } from 'vitest';
import urlCheck from '../../../src/checks/lambda/function-url-auth-none.js';
import layerCheck from '../../../src/checks/lambda/layer-permission-public.js';
import publicInvoke from '../../../src/checks/lambda/permission-public-invoke.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, lambdaPermission, permissionTemplate } from '../../helpers/templates.js';

// An organization id from a parameter a deploy may give as '' pins nothing that can be known: CloudFormation may drop
// the empty property and grant `*` to everyone. Was: "shared only with organization ${Org}", "pinned by
// aws:PrincipalOrgID"; an !ImportValue (never empty) stays as it was.

const parameter = (declaration: string) => `Parameters:\n  Org: ${declaration}\n`;
const MAY_BE_EMPTY = (property: string, grant: string) =>
  `its ${property} is parameter Org, which a deploy may give as '' (no AllowedPattern, AllowedValues or MinLength keeps an empty value out): CloudFormation may then drop it and ${grant} every AWS account`;

function layerPermission(org: string, declaration: string): string {
  return template(
    `  Layer:
    Type: AWS::Lambda::LayerVersion
    Properties:
      Content: { S3Bucket: b, S3Key: k }
  LP:
    Type: AWS::Lambda::LayerVersionPermission
    Properties:
      LayerVersionArn: !Ref Layer
      Action: lambda:GetLayerVersion
      Principal: '*'
      OrganizationId: ${org}
`,
    declaration,
  );
}

const statusOf = (text: string, check: typeof layerCheck | typeof publicInvoke) => {
  const { passed, failed, unknown } = scanTemplate(text, check as typeof layerCheck);
  return [
    ...passed.map((f) => ['pass', f.message]),
    ...failed.map((f) => ['fail', f.message]),
    ...unknown.map((f) => ['unknown', f.property, f.message]),
  ];
};

describe('an organization id from a parameter', () => {
  it('is unknown when a deploy may give it as empty: the layer and the function permission', () => {
    expect(statusOf(layerPermission('!Ref Org', parameter('{ Type: String }')), layerCheck)).toEqual([
      [
        'unknown',
        'OrganizationId',
        `The layer may be shared with every AWS account: ${MAY_BE_EMPTY('OrganizationId', 'share the layer with')}.`,
      ],
    ]);
    const withEmpty = parameter("{ Type: String, AllowedValues: ['', o-a1b2c3d4e5] }");
    expect(statusOf(layerPermission('!Ref Org', withEmpty), layerCheck).map((o) => o[0])).toEqual([
      'unknown',
    ]);
    const grant = permissionTemplate(
      "'*'",
      '      PrincipalOrgID: !Ref Org\n',
      parameter('{ Type: String }'),
    );
    expect(statusOf(grant, publicInvoke)).toEqual([
      [
        'unknown',
        'PrincipalOrgID',
        `Cannot tell whether anyone can call lambda:InvokeFunction: ${MAY_BE_EMPTY('PrincipalOrgID', 'grant the function to')}.`,
      ],
    ]);
  });

  it('passes when its AllowedPattern, MinLength or AllowedValues keep the empty value out', () => {
    for (const declaration of [
      "{ Type: String, AllowedPattern: '^o-[a-z0-9]{10,32}$' }",
      '{ Type: String, MinLength: 12 }',
      '{ Type: String, AllowedValues: [o-a1b2c3d4e5, o-b1b2c3d4e5] }',
    ]) {
      expect(statusOf(layerPermission('!Ref Org', parameter(declaration)), layerCheck), declaration).toEqual([
        ['pass', 'shared only with organization ${Org}'],
      ]);
      const grant = permissionTemplate("'*'", '      PrincipalOrgID: !Ref Org\n', parameter(declaration));
      expect(
        statusOf(grant, publicInvoke).map((o) => o[0]),
        declaration,
      ).toEqual(['pass']);
    }
  });

  it('stays unknown from an import, and for an empty OrganizationId', () => {
    const imported = statusOf(layerPermission('!ImportValue OrgId', ''), layerCheck);
    expect(imported.map((o) => o[0])).toEqual(['unknown']);
    expect(statusOf(layerPermission("''", ''), layerCheck).map((o) => o[0])).toEqual(['unknown']);
  });
});

/** A function with a URL of AuthType NONE, and a grant of lambda:InvokeFunctionUrl for * with `properties`. */
function urlWithGrant(properties: string, extra = ''): string {
  return template(
    `${lambdaFunction()}  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: NONE
${lambdaPermission('Perm', "'*'", properties).replace('lambda:InvokeFunction\n', 'lambda:InvokeFunctionUrl\n')}`,
    extra,
  );
}

describe('a function URL with AuthType NONE and a grant pinned by PrincipalOrgID', () => {
  const outcome = (text: string) =>
    scanTemplate(text, urlCheck).failed.map((f) => [f.severity, f.message.replace(/^.*?: /, '')]);

  it('is high: no unauthenticated call carries an organization, so the URL answers 403', () => {
    expect(outcome(urlWithGrant('      PrincipalOrgID: o-a1b2c3d4e5\n'))).toEqual([
      ['high', expect.stringContaining('it answers 403 until one is added elsewhere')],
    ]);
  });

  it('is critical without it, and critical with doubt when the organization may be dropped', () => {
    expect(outcome(urlWithGrant(''))).toEqual([
      ['critical', 'anyone on the internet can invoke the function (permission Perm lets anyone call it).'],
    ]);
    expect(outcome(urlWithGrant("      PrincipalOrgID: ''\n"))).toEqual([
      [
        'critical',
        expect.stringContaining('(permission Perm may let anyone call it: its PrincipalOrgID is empty'),
      ],
    ]);
    expect(outcome(urlWithGrant('      PrincipalOrgID: !Ref Org\n', parameter('{ Type: String }')))).toEqual([
      [
        'critical',
        `anyone on the internet can invoke the function (permission Perm may let anyone call it: ${MAY_BE_EMPTY('PrincipalOrgID', 'grant the function to')}).`,
      ],
    ]);
  });
});
