import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanCdkOut } from '../../helpers/cdk-out.js';
import { fn, HEAD, role, scanFolder } from '../../helpers/stack-roles.js';

/**
 * A role of one template that functions of another scanned with it run as: a nested stack given its ARN, a parent
 * given it as a nested stack's output, a stack importing its export. The role's checks count those functions, and
 * report on the role where it is written.
 */

/** A template exporting SharedRole's ARN as `shared-role-arn`. */
function exporter(resources: string): string {
  return `${HEAD}Resources:\n${resources}Outputs:\n  RoleArn:\n    Value: !GetAtt SharedRole.Arn\n    Export:\n      Name: shared-role-arn\n`;
}

const IMPORT = '!ImportValue shared-role-arn';

/** child.yaml: functions whose Role is its parameter RoleArn. */
function child(functions: string): string {
  return `${HEAD}Parameters:\n  RoleArn:\n    Type: String\nResources:\n${functions}`;
}

/** parent.yaml: `resources`, and nested stack Child (child.yaml) given SharedRole's ARN. */
function parent(resources: string): string {
  return `${HEAD}Resources:\n${resources}  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./child.yaml
      Parameters:
        RoleArn: !GetAtt SharedRole.Arn
`;
}

const EC2 = 'ec2.amazonaws.com';

describe('a role that functions of a stack importing its export run as', () => {
  it('fails trust beyond Lambda and sharing, naming the functions with their stack, on the exporting template', () => {
    const { trust, shared } = scanFolder({
      'a.yaml': exporter(role('SharedRole', EC2)),
      'b.yaml': `${HEAD}Resources:\n${fn('FnA', IMPORT)}${fn('FnB', IMPORT)}`,
    });
    expect(trust('SharedRole')).toEqual([
      [
        'fail',
        'Besides Lambda, the service ec2.amazonaws.com can assume the execution role of FnA (stack b.yaml), FnB (stack b.yaml), and act with its permissions.',
        'a.yaml',
      ],
    ]);
    expect(shared('SharedRole')).toEqual([
      [
        'fail',
        'The role is the execution role of 2 functions: FnA (stack b.yaml), FnB (stack b.yaml).',
        'a.yaml',
      ],
    ]);
  });

  it('passes a role only Lambda assumes that one imported function runs as', () => {
    const { trust, shared } = scanFolder({
      'a.yaml': exporter(role('SharedRole')),
      'b.yaml': `${HEAD}Resources:\n${fn('FnA', IMPORT)}`,
    });
    expect(trust('SharedRole')).toEqual([['pass', 'only Lambda can assume the role', 'a.yaml']]);
    expect(shared('SharedRole')).toEqual([['pass', 'used by FnA (stack b.yaml) only', 'a.yaml']]);
  });

  it('does not evaluate the trust of a role scanned without the stack that imports it, as before', () => {
    const { trust, shared } = scanFolder({ 'a.yaml': exporter(role('SharedRole', EC2)) });
    expect(trust('SharedRole')).toEqual([]);
    expect(shared('SharedRole')).toEqual([['pass', 'used by no function of the template', 'a.yaml']]);
  });

  const IMPORTED =
    'imported from another stack (shared-role-arn), exported by more than one scanned stack (a.yaml, c.yaml)';

  it('is unknown when another scanned stack exports the same name: the importer may get either role', () => {
    const { trust, shared } = scanFolder({
      'a.yaml': exporter(role('SharedRole', EC2)),
      'b.yaml': `${HEAD}Resources:\n${fn('FnB', IMPORT)}`,
      'c.yaml': exporter(role('SharedRole')),
    });
    expect(trust('SharedRole')).toEqual([
      [
        'unknown',
        'FnB (stack b.yaml) may run as the role (its Role imports an export that more than one scanned stack makes, this role among them); if so, besides Lambda, the service ec2.amazonaws.com can assume it and act with its permissions.',
        'a.yaml',
      ],
      ['pass', 'only Lambda can assume the role', 'c.yaml'],
    ]);
    // One function that may run as it shares it with none.
    expect(shared('SharedRole')).toEqual([
      ['pass', 'used by no function of the template', 'a.yaml'],
      ['pass', 'used by no function of the template', 'c.yaml'],
    ]);
  });

  it('is unknown whether a role a function of its template runs as is shared with such an importer', () => {
    const { trust, shared } = scanFolder({
      'a.yaml': exporter(role('SharedRole', EC2) + fn('OwnFn', '!GetAtt SharedRole.Arn')),
      'b.yaml': `${HEAD}Resources:\n${fn('FnB', IMPORT)}`,
      'c.yaml': exporter(role('SharedRole')),
    });
    expect(shared('SharedRole')[0]).toEqual([
      'unknown',
      `The role is the execution role of OwnFn; the role of FnB (stack b.yaml: ${IMPORTED}) is not known before deploy and may be this one.`,
      'a.yaml',
    ]);
    // OwnFn surely runs as it: the trust to EC2 fails, naming the functions that surely do.
    expect(trust('SharedRole')[0]).toEqual([
      'fail',
      'Besides Lambda, the service ec2.amazonaws.com can assume the execution role of OwnFn, and act with its permissions.',
      'a.yaml',
    ]);
  });
});

describe('a role of a parent that functions of its nested stack run as', () => {
  it('fails trust beyond Lambda for a role only the nested stack’s function runs as', () => {
    const { trust, shared } = scanFolder({
      'parent.yaml': parent(role('SharedRole', EC2)),
      'child.yaml': child(fn('ChildFn', '!Ref RoleArn')),
    });
    expect(trust('SharedRole')).toEqual([
      [
        'fail',
        'Besides Lambda, the service ec2.amazonaws.com can assume the execution role of ChildFn (stack child.yaml), and act with its permissions.',
        'parent.yaml',
      ],
    ]);
    expect(shared('SharedRole')).toEqual([
      ['pass', 'used by ChildFn (stack child.yaml) only', 'parent.yaml'],
    ]);
  });

  it('fails sharing with the parent’s own function, and passes a trust to Lambda alone', () => {
    const { trust, shared } = scanFolder({
      'parent.yaml': parent(role('SharedRole') + fn('ParentFn', '!GetAtt SharedRole.Arn')),
      'child.yaml': child(fn('ChildFn', '!Ref RoleArn')),
    });
    expect(shared('SharedRole')).toEqual([
      [
        'fail',
        'The role is the execution role of 2 functions: ParentFn, ChildFn (stack child.yaml).',
        'parent.yaml',
      ],
    ]);
    expect(trust('SharedRole')).toEqual([['pass', 'only Lambda can assume the role', 'parent.yaml']]);
  });

  it('takes the role for an execution role in the statement checks, though its trust policy is not known', () => {
    const unknownTrust = `  SharedRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: !Ref Service }, Action: sts:AssumeRole }
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: 's3:*', Resource: '*' }
`;
    const parentText = parent(unknownTrust).replace(
      'Resources:',
      'Parameters:\n  Service:\n    Type: String\nResources:',
    );
    const wildcard = (files: Record<string, string>) => {
      const dir = mkdtempSync(join(tmpdir(), 'parapet-cross-stack-role-'));
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      return scanCdkOut(dir)
        .of('iam.role-wildcard-action', 'SharedRole')
        .map((f) => f.status);
    };
    expect(
      wildcard({ 'parent.yaml': parentText, 'child.yaml': child(fn('ChildFn', '!Ref RoleArn')) }),
    ).toEqual(['fail']);
    // Without the nested template: no function is known to run as it, and its trust policy does not say Lambda.
    expect(wildcard({ 'parent.yaml': parentText })).toEqual([]);
  });

  it('counts a parent function given the nested stack’s role as its output', () => {
    const { trust } = scanFolder({
      'parent.yaml': `${HEAD}Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./child.yaml
${fn('ParentFn', '!GetAtt Child.Outputs.RoleArn')}`,
      'child.yaml': `${HEAD}Resources:\n${role('ChildRole', EC2)}Outputs:\n  RoleArn:\n    Value: !GetAtt ChildRole.Arn\n`,
    });
    expect(trust('ChildRole')).toEqual([
      [
        'fail',
        'Besides Lambda, the service ec2.amazonaws.com can assume the execution role of ParentFn (stack parent.yaml), and act with its permissions.',
        'child.yaml',
      ],
    ]);
  });
});
