import { describe, expect, it } from 'vitest';
import layerPublic from '../../../src/checks/lambda/layer-permission-public.js';
import orgBeyondInvoke from '../../../src/checks/lambda/permission-org-beyond-invoke.js';
import publicInvoke from '../../../src/checks/lambda/permission-public-invoke.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction } from '../../helpers/templates.js';

// AddPermission takes as Action one action named in letters, `lambda:*` or `*`: its pattern
// `(lambda:[*]|lambda:[a-zA-Z]+|[*])` (Lambda API Reference, AddPermission; AWS::Lambda::Permission's Action).
// A wildcard inside a name (`lambda:Invoke?unction`, `lambda:Invoke*`) fails the deploy, and grants nothing.

const HEAD =
  'Parameters:\n  Act: { Type: String }\n  Dflt: { Type: String, Default: "lambda:Get*" }\n' +
  '  Picked: { Type: String, Default: "lambda:Invoke*", AllowedValues: ["lambda:Invoke*", lambda:InvokeFunction] }\n' +
  '  Stuck: { Type: String, Default: "lambda:Invoke*", AllowedValues: ["lambda:Invoke*", "lambda:Get*"] }\n';

function permission(action: string, principal = "'*'", extra = ''): string {
  return template(
    `${lambdaFunction()}  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Fn
      Action: ${action}
      Principal: ${principal}
${extra}`,
    HEAD,
  );
}

function scan(action: string, principal?: string, extra?: string, check = publicInvoke) {
  const { findings, errors } = scanTemplate(permission(action, principal, extra), check);
  return {
    findings: findings.map((f) => [f.status, f.message]),
    errors: errors.map((e) => [e.line, e.column, e.message]),
  };
}

const REFUSED =
  'Lambda takes as Action one action named in full (lambda:InvokeFunction), lambda:* or *, so CloudFormation fails the deploy';

describe('AWS::Lambda::Permission Action that Lambda refuses', () => {
  it('is a template error at the Action, and no grant, for a wildcard inside an action name', () => {
    for (const action of ['lambda:Invoke?unction', "'lambda:Invoke*'"]) {
      const { findings, errors } = scan(action);
      const text = action.replaceAll("'", '');
      const line =
        permission(action)
          .split('\n')
          .findIndex((l) => l.includes('Action:')) + 1;
      expect(errors, action).toEqual([[line, 7, `Action of Perm is "${text}": ${REFUSED}`]]);
      // The permission is never created: nothing to judge (not applicable, which the scan does not list).
      expect(findings, action).toEqual([]);
    }
  });

  it('takes an action named in full, lambda:* and *', () => {
    for (const action of ['lambda:InvokeFunction', "'lambda:*'", "'*'"]) {
      const { findings, errors } = scan(action);
      expect(errors, action).toEqual([]);
      expect(
        findings.map(([status]) => status),
        action,
      ).toEqual(['fail']);
    }
  });

  it('says a default Lambda refuses fails a deploy that keeps it; a parameter without default is no error', () => {
    const { errors } = scan('!Ref Dflt');
    expect(errors.map(([, , message]) => message)).toEqual([
      'Action of Perm is "lambda:Get*" (the default of parameter Dflt): Lambda takes as Action one action named in ' +
        'full (lambda:InvokeFunction), lambda:* or *, so a deploy that keeps that default fails',
    ]);
    // Not known before deploy: no error, and the checks read it as they always have.
    expect(scan('!Ref Act').errors).toEqual([]);
  });
});

// A refused default is overridden by every deploy that works, with an Action AddPermission takes (lambda:InvokeFunction,
// lambda:GetFunction, lambda:*, ...): the checks judge the rest of the permission with that Action not known.
describe('AWS::Lambda::Permission whose Action is a parameter default Lambda refuses', () => {
  const NOT_KNOWN =
    'from parameter Dflt, whose default "lambda:Get*" Lambda refuses: a deploy that works gives another';

  it('fails * with no condition: anyone may use whatever Action a deploy that works gives', () => {
    expect(scan('!Ref Dflt').findings).toEqual([
      ['fail', 'Anyone can call ${Dflt} on the function: Principal is * and no condition pins the caller.'],
    ]);
  });

  it('is unknown where the verdict rests on the Action: what an organization may do', () => {
    const org = '      PrincipalOrgID: o-a1b2c3d4e5\n';
    expect(scan('!Ref Dflt', "'*'", org, orgBeyondInvoke).findings).toEqual([
      [
        'unknown',
        `Cannot tell what organization o-a1b2c3d4e5 may do with the function: Action \${Dflt} is not known before deploy (${NOT_KNOWN}).`,
      ],
    ]);
  });

  it('passes what passes whatever the Action: a grant to one account is not public', () => {
    expect(scan('!Ref Dflt', "'111122223333'").findings).toEqual([
      ['pass', 'not public: the principal is 111122223333'],
    ]);
  });

  it('judges the AllowedValues Lambda takes, when the parameter lists them', () => {
    const org = '      PrincipalOrgID: o-a1b2c3d4e5\n';
    const { findings, errors } = scan('!Ref Picked', "'*'", org, orgBeyondInvoke);
    expect(errors.map(([, , message]) => message)).toEqual([
      expect.stringContaining('so a deploy that keeps that default fails'),
    ]);
    expect(findings).toEqual([['pass', 'the organization may only invoke the function (${Picked})']]);
  });

  it('grants nothing when every AllowedValue is refused too: no deploy works', () => {
    const { findings, errors } = scan('!Ref Stuck');
    expect(errors).toHaveLength(1);
    expect(findings).toEqual([]);
  });
});

// AddLayerVersionPermission takes as Action lambda:GetLayerVersion alone (Lambda API Reference,
// AddLayerVersionPermission: "Pattern: lambda:GetLayerVersion"; AWS::Lambda::LayerVersionPermission's Action).

function layerGrant(action: string, principal = "'*'"): string {
  return template(
    `  Layer:
    Type: AWS::Lambda::LayerVersion
    Properties:
      Content: { S3Bucket: artifacts, S3Key: layer.zip }
  Grant:
    Type: AWS::Lambda::LayerVersionPermission
    Properties:
      LayerVersionArn: !Ref Layer
      Action: ${action}
      Principal: ${principal}
`,
    HEAD,
  );
}

function scanLayer(action: string, principal?: string) {
  const { findings, errors } = scanTemplate(layerGrant(action, principal), layerPublic);
  return {
    findings: findings.map((f) => [f.status, f.message]),
    errors: errors.map((e) => [e.line, e.column, e.message]),
  };
}

describe('AWS::Lambda::LayerVersionPermission Action that Lambda refuses', () => {
  const takes = 'Lambda takes as Action of a layer permission only lambda:GetLayerVersion';

  it('is a template error at the Action, and shares the layer with no one (the check does not apply)', () => {
    for (const action of ["'lambda:*'", 'lambda:GetLayerVersionPolicy', "'*'", 'lambda:getlayerversion']) {
      const { findings, errors } = scanLayer(action);
      const text = action.replaceAll("'", '');
      expect(errors, action).toEqual([
        [16, 7, `Action of Grant is "${text}": ${takes}, so CloudFormation fails the deploy`],
      ]);
      expect(findings, action).toEqual([]);
    }
  });

  it('takes lambda:GetLayerVersion, and the check judges the grant', () => {
    expect(scanLayer('lambda:GetLayerVersion')).toEqual({
      errors: [],
      findings: [
        [
          'fail',
          'The layer version is shared with every AWS account (Principal *, no OrganizationId): anyone can use and download it.',
        ],
      ],
    });
    expect(scanLayer('lambda:GetLayerVersion', "'111122223333'").findings.map(([s]) => s)).toEqual(['pass']);
  });

  it('says a default Lambda refuses fails a deploy that keeps it; a parameter without default is no error', () => {
    expect(scanLayer('!Ref Dflt').errors.map(([, , message]) => message)).toEqual([
      `Action of Grant is "lambda:Get*" (the default of parameter Dflt): ${takes}, so a deploy that keeps that default fails`,
    ]);
    const free = scanLayer('!Ref Act');
    expect(free.errors).toEqual([]);
    expect(free.findings.map(([s]) => s)).toEqual(['fail']);
  });
});
