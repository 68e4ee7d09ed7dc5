import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { isUnknown } from '../../../src/model/values.js';
import { toSarif } from '../../../src/report/sarif.js';
import { toText } from '../../../src/report/text.js';
import { nestedStacks } from '../../../src/sources/cloudformation/nested-stacks.js';
import { displayPathFor } from '../../../src/sources/display-path.js';
import { scanCdkOut } from '../../helpers/cdk-out.js';
import { defaultHeader, scanNestings } from '../../helpers/nestings.js';

/** A project folder: each file written as the text given (YAML, as plain CloudFormation projects write). */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-nested-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A nested template: a function on parameter Runtime, with a URL whose AuthType is parameter UrlAuth. */
const CHILD = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Runtime:
    Type: String
  UrlAuth:
    Type: String
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !Ref Runtime
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'def handler(e, c): pass' }
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: !Ref UrlAuth
`;

/** A parent whose nested stack resource `id` names `url` and gives `parameters` (YAML lines at 8 spaces). */
function stack(id: string, url: string, parameters = 'Runtime: python3.7\n        UrlAuth: NONE'): string {
  return `  ${id}:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ${url}
      Parameters:
        ${parameters}
`;
}

function parent(resources: string, parameters = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'\n${parameters}Resources:\n${resources}`;
}

function scanProject(files: Record<string, string>, paths?: (dir: string) => string[]) {
  const dir = project(files);
  const { result, of } = scanCdkOut(dir, paths ? paths(dir) : [dir]);
  return {
    result,
    url: of('lambda.function-url-auth-none', 'Url'),
    runtime: of('lambda.runtime-deprecated', 'Fn'),
  };
}

describe('a nested stack with a local TemplateURL takes its parameters from the parent', () => {
  it("fails on the parent's values and says the parent stack gives them", () => {
    const { result, url, runtime } = scanProject({
      'parent.yaml': parent(stack('Child', './child.yaml')),
      'child.yaml': CHILD,
    });
    expect(result.errors).toEqual([]);
    expect(url.map((f) => [f.status, f.assumptions])).toEqual([
      ['fail', ['parameter UrlAuth is given by the parent stack parent.yaml (resource Child)']],
    ]);
    expect(runtime.map((f) => f.status)).toEqual(['fail']);
    expect(runtime[0]?.message).toContain('python3.7');
    expect(runtime[0]?.assumptions).toEqual([
      'parameter Runtime is given by the parent stack parent.yaml (resource Child)',
    ]);
  });

  it("passes on the parent's values when they are safe", () => {
    const { url, runtime } = scanProject({
      'parent.yaml': parent(stack('Child', 'child.yaml', 'Runtime: python3.13\n        UrlAuth: AWS_IAM')),
      'child.yaml': CHILD,
    });
    expect(url.map((f) => f.status)).toEqual(['pass']);
    expect(runtime.map((f) => f.status)).toEqual(['pass']);
  });

  it("reads the path from the parent's folder, in a subfolder or above it", () => {
    const below = scanProject({
      'stacks/parent.yaml': parent(stack('Child', '../nested/child.yaml')),
      'nested/child.yaml': CHILD,
    });
    expect(below.url.map((f) => f.status)).toEqual(['fail']);
  });

  it('passes a default of the parent down as a default, which a deploy may override', () => {
    const { url } = scanProject({
      'parent.yaml': parent(
        stack('Child', './child.yaml', 'Runtime: python3.13\n        UrlAuth: !Ref Auth'),
        'Parameters:\n  Auth:\n    Type: String\n    Default: NONE\n',
      ),
      'child.yaml': CHILD,
    });
    expect(url.map((f) => [f.status, f.assumptions])).toEqual([
      [
        'fail',
        [
          'parameter UrlAuth is given by the parent stack parent.yaml (resource Child) from a default of its own, ' +
            'which a deploy may override',
        ],
      ],
    ]);
  });

  it('is unknown for a value the parent chooses by a condition its defaults decide (another deploy, another value)', () => {
    const { url, runtime } = scanProject({
      'parent.yaml': parent(
        stack(
          'Child',
          './child.yaml',
          'Runtime: !If [IsDev, python3.7, python3.13]\n        UrlAuth: !If [IsDev, NONE, AWS_IAM]',
        ),
        'Parameters:\n  Env: { Type: String, Default: prod, AllowedValues: [prod, dev] }\n' +
          'Conditions:\n  IsDev: !Equals [!Ref Env, dev]\n',
      ),
      'child.yaml': CHILD,
    });
    expect([...url, ...runtime].map((f) => f.status)).toEqual(['unknown', 'unknown']);
    expect(url[0]?.message).toContain(
      "chosen in the parent stack parent.yaml by condition IsDev, which its parameters' defaults decide",
    );
    // Text in both branches: one of the two, each judged.
    expect(runtime[0]?.message).toMatch(
      /^Runtime is one of python3\.7, python3\.13 \(chosen in the parent stack parent\.yaml by condition IsDev, .*\), and some are deprecated: python3\.7 /,
    );
  });

  it('gives no branch as a possible value when a branch holds a NoEcho parameter, taken or not', () => {
    const { runtime } = scanProject({
      'parent.yaml': parent(
        stack(
          'Child',
          './child.yaml',
          'Runtime: !If [IsDev, !Ref Secret, python3.13]\n        UrlAuth: AWS_IAM',
        ),
        'Parameters:\n  Env: { Type: String, Default: prod, AllowedValues: [prod, dev] }\n' +
          '  Secret: { Type: String, NoEcho: true, Default: python3.7 }\n' +
          'Conditions:\n  IsDev: !Equals [!Ref Env, dev]\n',
      ),
      'child.yaml': CHILD,
    });
    expect(runtime.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        'Runtime is not known before deploy (chosen in the parent stack parent.yaml by condition IsDev, which ' +
          "its parameters' defaults decide)",
      ],
    ]);
  });

  it("reports a value the parent gives that breaks the child's constraints, as CloudFormation rejects it", () => {
    const constrained = CHILD.replace(
      '  Runtime:\n    Type: String\n',
      '  Runtime:\n    Type: String\n    AllowedValues: [python3.12, python3.13]\n',
    );
    const { result } = scanProject({
      'parent.yaml': parent(stack('Child', './child.yaml', 'Runtime: python3.7\n        UrlAuth: AWS_IAM')),
      'child.yaml': constrained,
    });
    expect(result.errors.map((e) => e.message)).toEqual([
      'parameter Runtime: the value "python3.7" the parent stack parent.yaml (resource Child) gives is not one of ' +
        'AllowedValues [python3.12, python3.13]; CloudFormation rejects the nested stack (scanned with it anyway)',
    ]);
  });

  it('says a value the parent does not know comes from the parent stack', () => {
    const { url } = scanProject({
      'parent.yaml': parent(
        stack('Child', './child.yaml', 'Runtime: python3.13\n        UrlAuth: !Ref Auth'),
        'Parameters:\n  Auth:\n    Type: String\n',
      ),
      'child.yaml': CHILD,
    });
    expect(url.map((f) => f.status)).toEqual(['unknown']);
    expect(url[0]?.message).toContain(
      'from parameter UrlAuth, given by the parent stack parent.yaml (from parameter Auth, which has no default)',
    );
  });

  // The child is also written where the URL would point if it were read as a path (`s3:/bucket/...`).
  it.each([
    [
      'an https URL',
      'https://s3.amazonaws.com/bucket/child.yaml',
      'https:/s3.amazonaws.com/bucket/child.yaml',
    ],
    ['an s3 URL', 's3://bucket/child.yaml', 's3:/bucket/child.yaml'],
    ['a local path to a file not scanned', './other.yaml', 'elsewhere/other.yaml'],
  ])('changes nothing for %s', (_, url, asPath) => {
    const { result, url: found } = scanProject({
      'parent.yaml': parent(stack('Child', url)),
      'child.yaml': CHILD,
      [asPath]: CHILD,
    });
    expect(result.errors).toEqual([]);
    expect(found.map((f) => f.status)).toEqual(['unknown', 'unknown']);
    for (const f of found) expect(f.message).toContain('from parameter UrlAuth, which has no default');
  });

  it('leaves the child scanned alone as it was: its parameters have no value', () => {
    const { result, url } = scanProject(
      { 'parent.yaml': parent(stack('Child', './child.yaml')), 'child.yaml': CHILD },
      (dir) => [join(dir, 'child.yaml')],
    );
    expect(result.templates.map((t) => t.file)).toEqual(['child.yaml']);
    expect(url.map((f) => f.status)).toEqual(['unknown']);
    expect(url[0]?.message).toContain('from parameter UrlAuth, which has no default');
  });

  it('scans the local template of a nested stack with its parent named alone; warns of one not there, or not local', () => {
    const files = {
      'parent.yaml': parent(
        `${stack('Child', './child.yaml')}${stack('Gone', './gone.yaml')}${stack('Remote', 'https://s3.amazonaws.com/b/child.yaml')}`,
      ),
      'child.yaml': CHILD,
    };
    // Named alone, the parent is scanned with the local template of its nested stack, as package uploads both.
    const alone = scanProject(files, (dir) => [join(dir, 'parent.yaml')]);
    expect(alone.result.templates.map((t) => t.file).sort()).toEqual(['child.yaml', 'parent.yaml']);
    expect(alone.url.map((f) => f.status)).toEqual(['fail']);
    expect(alone.result.warnings).toEqual([
      'parent.yaml:13:7: the template of nested stack Gone, gone.yaml, is not there, so nothing in it was checked',
      'parent.yaml:20:7: the template of nested stack Remote, https://s3.amazonaws.com/b/child.yaml, is not a local file, so nothing in it was checked (download it to scan it)',
    ]);
    const both = scanProject(files);
    expect(both.result.warnings).toEqual(alone.result.warnings);
  });

  it('takes a value every parent gives alike; one they give differently is each, deployed by its own copy', () => {
    const { url, runtime } = scanProject({
      'parent.yaml': parent(
        `${stack('Open', './child.yaml')}${stack('Closed', './child.yaml', 'Runtime: python3.7\n        UrlAuth: AWS_IAM')}`,
      ),
      'child.yaml': CHILD,
    });
    expect(runtime.map((f) => [f.status, f.assumptions])).toEqual([
      [
        'fail',
        ['parameter Runtime is given by each stack nesting it (Open in parent.yaml, Closed in parent.yaml)'],
      ],
    ]);
    // Each nesting deploys its copy: the one given NONE has a URL no caller is authenticated on.
    expect(url.map((f) => [f.status, f.severity])).toEqual([['fail', 'high']]);
    expect(url[0]?.message).toContain(
      'A copy of the function URL has AuthType NONE (from parameter UrlAuth, which the stacks nesting this template give different values (Open in parent.yaml, Closed in parent.yaml))',
    );
  });

  it('judges each text the nestings give differently: each is deployed, so the deprecated one fails', () => {
    const { runtime } = scanProject({
      'parent.yaml': parent(
        `${stack('Old', './child.yaml', 'Runtime: python3.9\n        UrlAuth: AWS_IAM')}${stack('New', './child.yaml', 'Runtime: python3.13\n        UrlAuth: AWS_IAM')}`,
      ),
      'child.yaml': CHILD,
    });
    // Each nesting deploys a copy: the one on python3.9 is deployed, so the check fails.
    expect(runtime.map((f) => f.status)).toEqual(['fail']);
    expect(runtime[0]?.message).toMatch(
      /^Runtime is one of python3\.9, python3\.13 \(from parameter Runtime, which the stacks nesting this template give different values \(Old in parent\.yaml, New in parent\.yaml\)\), each deployed by its own copy, and some are deprecated: python3\.9 /,
    );
  });

  it('fails a runtime one nesting gives that reaches its deprecation soon: that copy is deployed', () => {
    const { result } = scanProject({
      'parent.yaml': parent(
        `${stack('Soon', './child.yaml', 'Runtime: nodejs22.x\n        UrlAuth: AWS_IAM')}${stack('Later', './child.yaml', 'Runtime: nodejs24.x\n        UrlAuth: AWS_IAM')}`,
      ),
      'child.yaml': CHILD,
    });
    const soon = result.findings.filter((f) => f.checkId === 'lambda.runtime-deprecation-soon');
    expect(soon.map((f) => [f.status, f.message])).toEqual([
      [
        'fail',
        expect.stringContaining('nodejs22.x in 156 days reaches its deprecation, deployed by its own copy'),
      ],
    ]);
  });

  it('reads each text as one of them where a nesting may not be made, or the resource has a condition of its own', () => {
    const conditional = stack('Old', './child.yaml', 'Runtime: python3.9\n        UrlAuth: NONE').replace(
      '    Type: AWS::CloudFormation::Stack\n',
      '    Type: AWS::CloudFormation::Stack\n    Condition: IsOld\n',
    );
    const maybeMade = scanProject({
      'parent.yaml': parent(
        `${conditional}${stack('New', './child.yaml', 'Runtime: python3.13\n        UrlAuth: AWS_IAM')}`,
        'Parameters:\n  Env: { Type: String }\nConditions:\n  IsOld: !Equals [!Ref Env, old]\n',
      ),
      'child.yaml': CHILD,
    });
    expect([maybeMade.runtime.map((f) => f.status), maybeMade.url.map((f) => f.status)]).toEqual([
      ['unknown'],
      ['unknown'],
    ]);
    // The URL of the child has a condition of its own: the copy given NONE may make none.
    const conditionalUrl = CHILD.replace(
      '  Url:\n    Type: AWS::Lambda::Url\n',
      '  Url:\n    Type: AWS::Lambda::Url\n    Condition: HasUrl\n',
    ).replace('Resources:', 'Conditions:\n  HasUrl: !Equals [!Ref UrlAuth, AWS_IAM]\nResources:');
    const ownCondition = scanProject({
      'parent.yaml': parent(
        `${stack('Open', './child.yaml')}${stack('Closed', './child.yaml', 'Runtime: python3.7\n        UrlAuth: AWS_IAM')}`,
      ),
      'child.yaml': conditionalUrl,
    });
    expect(ownCondition.url.map((f) => f.status)).not.toContain('fail');
  });

  it('says a finding rests on a default when one nesting gives its text from a default of its own', () => {
    const runtimes = (...texts: string[]) =>
      texts.map((Runtime) => ({ parameters: { Runtime, UrlAuth: 'AWS_IAM' } }));
    const assumptionsOf = (scan: ReturnType<typeof scanNestings>) =>
      scan.of('lambda.runtime-deprecated', 'Fn').map((f) => [f.status, f.assumptions]);
    // python3.9 is the parent's default: another deploy may give a supported runtime there, which is then not failed.
    const byDefault = scanNestings(CHILD, runtimes('!Ref Given', 'python3.8'), defaultHeader('python3.9'));
    expect(assumptionsOf(byDefault)).toEqual([
      [
        'fail',
        [
          'parameter Runtime is given by each stack nesting it (Copy1 in parent.yaml, Copy2 in parent.yaml) from a ' +
            'default of its own, which a deploy may override',
        ],
      ],
    ]);
    // Each nesting gives its text as it is: the failing copy rests on no default.
    expect(assumptionsOf(scanNestings(CHILD, runtimes('python3.13', 'python3.8')))).toEqual([
      ['fail', undefined],
    ]);
  });

  it('treats a child two parent files nest alike', () => {
    const { result, url } = scanProject({
      'dev.yaml': parent(stack('Child', './child.yaml', 'Runtime: python3.13\n        UrlAuth: AWS_IAM')),
      'prod.yaml': parent(stack('Child', './child.yaml', 'Runtime: python3.13')),
      'child.yaml': CHILD,
    });
    // prod leaves UrlAuth out: that copy has no value for it, which CloudFormation refuses.
    expect(url.map((f) => f.status)).toEqual(['unknown']);
    expect(url[0]?.message).toContain(
      'from parameter UrlAuth, which not every stack nesting this template gives (Child in dev.yaml, Child in prod.yaml)',
    );
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('the parent stack prod.yaml (resource Child) does not give parameter UrlAuth'),
    ]);
  });
});

describe('a template nested more than once, given the same reference by each nesting', () => {
  /** A nested template whose function runs as the role its parameter RoleArn names. */
  const ROLE_CHILD = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  RoleArn:
    Type: String
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      Role: !Ref RoleArn
      Code: { ZipFile: 'def handler(e, c): pass' }
`;
  const ROLE = `  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
`;
  const roleArn = 'RoleArn: !GetAtt Role.Arn';
  const iamOf = (result: ReturnType<typeof scanProject>['result'], file: string) =>
    result.findings.filter((f) => f.checkId.startsWith('iam.') && f.location?.file === file);

  it("reads it as that resource of the parent, as one nesting would: the function runs as the parent's role", () => {
    const dir = project({
      'parent.yaml': parent(
        `${ROLE}${stack('One', './child.yaml', roleArn)}${stack('Two', './child.yaml', roleArn)}`,
      ),
      'child.yaml': ROLE_CHILD,
    });
    const files = [join(dir, 'parent.yaml'), join(dir, 'child.yaml')];
    const value = nestedStacks(files, undefined, 1_000_000, undefined, displayPathFor(dir)).gifts.get(
      join(dir, 'child.yaml'),
    )?.values.RoleArn;
    expect(isUnknown(value) && [value.reason, value.template, value.resources]).toEqual([
      'attribute Arn of resource Role of stack parent.yaml',
      '${Role.Arn}',
      ['Role.Arn'],
    ]);
    // Not a role outside the scan that the IAM checks cannot read (as "different values" made it).
    const { result } = scanCdkOut(dir);
    expect(result.errors).toEqual([]);
    expect(iamOf(result, 'child.yaml')).toEqual([]);
    expect(JSON.stringify(result)).not.toContain('different values');
    // Both copies run one function of one template, with one set of needs: no role shared by functions.
    const shared = result.findings.filter((f) => f.checkId === 'iam.role-shared-by-functions');
    expect(shared.map((f) => [f.resource.id, f.status])).toEqual([['Role', 'pass']]);
  });

  it("is the same value when a parent passes its own parent's resource on to each copy", () => {
    const dir = project({
      'root.yaml': parent(`${ROLE}${stack('A', './a.yaml', roleArn)}${stack('B', './b.yaml', roleArn)}`),
      'a.yaml': parent(
        stack('Child', './child.yaml', 'RoleArn: !Ref RoleArn'),
        'Parameters:\n  RoleArn: { Type: String }\n',
      ),
      'b.yaml': parent(
        stack('Child', './child.yaml', 'RoleArn: !Ref RoleArn'),
        'Parameters:\n  RoleArn: { Type: String }\n',
      ),
      'child.yaml': ROLE_CHILD,
    });
    const files = ['root.yaml', 'a.yaml', 'b.yaml', 'child.yaml'].map((f) => join(dir, f));
    const value = nestedStacks(files, undefined, 1_000_000, undefined, displayPathFor(dir)).gifts.get(
      join(dir, 'child.yaml'),
    )?.values.RoleArn;
    expect(isUnknown(value) && value.reason).toBe('attribute Arn of resource Role of stack root.yaml');
  });

  it('is the same value when each gives one parameter of the parent, which has no default', () => {
    const { url } = scanProject({
      'parent.yaml': parent(
        `${stack('One', './child.yaml', 'Runtime: python3.13\n        UrlAuth: !Ref Auth')}${stack('Two', './child.yaml', 'Runtime: python3.13\n        UrlAuth: !Ref Auth')}`,
        'Parameters:\n  Auth:\n    Type: String\n',
      ),
      'child.yaml': CHILD,
    });
    expect(url.map((f) => f.status)).toEqual(['unknown']);
    expect(url[0]?.message).toContain(
      'from parameter UrlAuth, given by the parent stack parent.yaml (from parameter Auth, which has no default)',
    );
  });

  it('names the parents by their paths: resources of two files called template.yaml are two roles', () => {
    const sam = (file: string) => parent(`${ROLE}${stack('Child', file, roleArn)}`);
    const { result } = scanProject({
      'dev/template.yaml': sam('../child.yaml'),
      'prod/template.yaml': sam('../child.yaml'),
      'child.yaml': ROLE_CHILD,
    });
    const unknown = iamOf(result, 'child.yaml').filter((f) => f.status === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    for (const f of unknown)
      expect(f.message).toContain(
        'from parameter RoleArn, which the stacks nesting this template give different values ' +
          '(Child in dev/template.yaml, Child in prod/template.yaml)',
      );
  });
});

describe('a nested template parameter without default that its parent does not give', () => {
  const SOURCE_CHILD = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Source:
    Type: String
  Optional:
    Type: String
    Default: x
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Ref Source
`;
  const MESSAGE =
    'the parent stack app/template.yaml (resource Child) does not give parameter Source, which has no default; ' +
    'CloudFormation rejects the nested stack ("Parameters: [Source] must have values")';
  const nesting = (parameters: string) =>
    `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  UseB: { Type: String, Default: 'no' }
Conditions:
  HasB: !Equals [!Ref UseB, 'yes']
Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../shared/child.yaml
${parameters}`;

  it("is a scan error at the child's parameter that names the parent stack resource", () => {
    const { result } = scanProject({ 'app/template.yaml': nesting(''), 'shared/child.yaml': SOURCE_CHILD });
    expect(result.errors.map((e) => [e.file, e.line, e.column, e.message])).toEqual([
      ['shared/child.yaml', 3, 3, MESSAGE],
    ]);
  });

  it('is the same error for a parameter given !Ref AWS::NoValue', () => {
    const given = '      Parameters:\n        Source: !Ref AWS::NoValue\n';
    const { result } = scanProject({
      'app/template.yaml': nesting(given),
      'shared/child.yaml': SOURCE_CHILD,
    });
    expect(result.errors.map((e) => e.message)).toEqual([MESSAGE]);
  });

  it('says which condition leaves it out, for an Fn::If that may give AWS::NoValue', () => {
    const given = '      Parameters:\n        Source: !If [HasB, b, !Ref AWS::NoValue]\n';
    const { result } = scanProject({
      'app/template.yaml': nesting(given),
      'shared/child.yaml': SOURCE_CHILD,
    });
    expect(result.errors.map((e) => e.message)).toEqual([
      'the parent stack app/template.yaml (resource Child) gives parameter Source, which has no default, through ' +
        'an Fn::If on condition HasB that may give AWS::NoValue; CloudFormation then rejects the nested stack ' +
        '("Parameters: [Source] must have values")',
    ]);
  });

  it('is no error when the parent gives it, or for a parameter with a default', () => {
    for (const given of ['        Source: a', '        Source: !If [HasB, a, b]']) {
      const { result } = scanProject({
        'app/template.yaml': nesting(`      Parameters:\n${given}\n`),
        'shared/child.yaml': SOURCE_CHILD,
      });
      expect(result.errors).toEqual([]);
    }
  });

  it("is no error where the stack resource's own Condition decides: an If on it, or a stack never made", () => {
    const onOwnCondition = nesting(
      '      Parameters:\n        Source: !If [HasB, b, !Ref AWS::NoValue]\n',
    ).replace(
      '    Type: AWS::CloudFormation::Stack\n',
      '    Type: AWS::CloudFormation::Stack\n    Condition: HasB\n',
    );
    const neverMade = nesting('')
      .replace('Conditions:\n', 'Conditions:\n  Never: !Equals [a, b]\n')
      .replace(
        '    Type: AWS::CloudFormation::Stack\n',
        '    Type: AWS::CloudFormation::Stack\n    Condition: Never\n',
      );
    for (const parent of [onOwnCondition, neverMade]) {
      const { result } = scanProject({ 'app/template.yaml': parent, 'shared/child.yaml': SOURCE_CHILD });
      expect(result.errors).toEqual([]);
    }
  });

  it('is still one for a stack whose Condition only the defaults make false: another deploy makes it', () => {
    const byDefault = nesting('      Parameters:\n        Source: !If [HasB, !Ref AWS::NoValue, b]\n')
      .replace('Conditions:\n', "Conditions:\n  Other: !Equals [!Ref UseB, 'maybe']\n")
      .replace(
        '    Type: AWS::CloudFormation::Stack\n',
        '    Type: AWS::CloudFormation::Stack\n    Condition: Other\n',
      );
    const { result } = scanProject({ 'app/template.yaml': byDefault, 'shared/child.yaml': SOURCE_CHILD });
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('through an Fn::If on condition HasB'),
    ]);
  });

  it('is no error for the child scanned alone: there is no parent to blame', () => {
    const { result } = scanProject(
      { 'app/template.yaml': nesting(''), 'shared/child.yaml': SOURCE_CHILD },
      (dir) => [join(dir, 'shared/child.yaml')],
    );
    expect(result.errors).toEqual([]);
  });

  it('names only the nesting that leaves it out, of a template nested twice', () => {
    const twice = nesting('      Parameters:\n        Source: a\n').replace(
      'Resources:\n',
      'Resources:\n  Other:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ../shared/child.yaml\n',
    );
    const { result } = scanProject({ 'app/template.yaml': twice, 'shared/child.yaml': SOURCE_CHILD });
    expect(result.errors.map((e) => e.message)).toEqual([
      MESSAGE.replace('resource Child', 'resource Other'),
    ]);
  });
});

describe('a SAM application with a local Location takes its parameters from the parent', () => {
  const samParent = (location: string) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  App:
    Type: AWS::Serverless::Application
    Properties:
      Location: ${location}
      Parameters:
        Runtime: python3.7
        UrlAuth: NONE
`;

  it("fails on the parent's values and says where they come from", () => {
    const { result, url } = scanProject({ 'template.yaml': samParent('./child.yaml'), 'child.yaml': CHILD });
    expect(result.errors).toEqual([]);
    expect(url.map((f) => [f.status, f.assumptions])).toEqual([
      ['fail', ['parameter UrlAuth is given by the parent stack template.yaml (resource App)']],
    ]);
  });

  it('changes nothing for an application of the Serverless Application Repository', () => {
    const location =
      '\n        ApplicationId: arn:aws:serverlessrepo:us-east-1:123456789012:applications/child\n        SemanticVersion: 1.0.0';
    const { url } = scanProject({ 'template.yaml': samParent(location), 'child.yaml': CHILD });
    expect(url.map((f) => f.status)).toEqual(['unknown']);
  });
});

describe("a nested stack given another nested stack's output (GetAtt Sibling.Outputs.X)", () => {
  /** A sibling whose outputs are a literal runtime and its function's ARN. */
  const PRODUCER = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'def handler(e, c): pass' }
Outputs:
  Runtime:
    Value: python3.7
  WorkerArn:
    Value: !GetAtt Worker.Arn
`;
  const withSibling = (runtime: string) =>
    parent(
      `  Producer:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: producer.yaml
${stack('Child', 'child.yaml', `Runtime: ${runtime}\n        UrlAuth: AWS_IAM`)}`,
    );

  it("takes the output's value when the sibling's template is scanned too", () => {
    const { runtime } = scanProject({
      'parent.yaml': withSibling('!GetAtt Producer.Outputs.Runtime'),
      'producer.yaml': PRODUCER,
      'child.yaml': CHILD,
    });
    expect(runtime.map((f) => [f.status, f.message.slice(0, 26)])).toEqual([
      ['fail', 'Runtime python3.7 (Python '],
    ]);
  });

  it("names a resource of the sibling as that stack's, not as an attribute of the parent's resource", () => {
    const { runtime } = scanProject({
      'parent.yaml': withSibling('!GetAtt Producer.Outputs.WorkerArn'),
      'producer.yaml': PRODUCER,
      'child.yaml': CHILD,
    });
    expect(runtime.map((f) => f.message)).toEqual([
      expect.stringContaining('attribute Arn of resource Worker of stack producer.yaml'),
    ]);
  });

  it('reads no nested template outside the project, and says the same of one there and one not there', () => {
    const dir = project({
      'app/parent.yaml': parent(
        `${stack('Here', '../../elsewhere/child.yaml')}${stack('Gone', '../../elsewhere/gone.yaml')}`,
      ),
    });
    // A real file outside the project (the folder scanned): it must not be read, nor its existence told.
    const outside = join(dirname(dir), 'elsewhere');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'child.yaml'), CHILD);
    const { result } = scanCdkOut(dir, [join(dir, 'app', 'parent.yaml')]);
    expect(result.templates.map((t) => t.file)).toEqual(['app/parent.yaml']);
    const said = result.warnings.map((w) =>
      w.replace(/^app\/parent\.yaml:\d+:7: /, '').replace(/Here|Gone|child|gone/g, 'X'),
    );
    expect(said).toHaveLength(2);
    expect(said[0]).toBe(said[1]);
    expect(said[0]).toMatch(
      /is outside the template's folder, its repository, the working folder and the folders scanned: it was not read, so nothing in it was checked$/,
    );
  });

  it('scans the nested template of a parent found in a folder, though it is outside that folder', () => {
    const dir = project({
      'stacks/parent.yaml': parent(stack('Child', '../shared/child.yaml')),
      'shared/child.yaml': CHILD,
    });
    const { result, of } = scanCdkOut(dir, [join(dir, 'stacks')]);
    expect(result.templates.map((t) => t.file).sort()).toEqual(['shared/child.yaml', 'stacks/parent.yaml']);
    expect(of('lambda.function-url-auth-none', 'Url').map((f) => f.status)).toEqual(['fail']);
    expect(result.warnings).toEqual([]);
  });

  it('stays unknown, from the parent, when the sibling is not read (its template is not there)', () => {
    const { result, runtime } = scanProject(
      {
        'parent.yaml': withSibling('!GetAtt Producer.Outputs.Runtime'),
        'child.yaml': CHILD,
      },
      (dir) => [join(dir, 'parent.yaml'), join(dir, 'child.yaml')],
    );
    expect(result.errors).toEqual([]);
    expect(runtime.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        expect.stringContaining('attribute Outputs.Runtime of resource Producer of stack parent.yaml'),
      ],
    ]);
  });
});

describe('a parent stack giving a parameter the nested template does not declare', () => {
  it('is a scan error of the nested template, naming the parent, as CloudFormation rejects the nested stack', () => {
    const { result } = scanProject({
      'parent.yaml': parent(
        stack('Child', 'child.yaml', 'Runtime: python3.12\n        UrlAuth: NONE\n        Extra: x'),
      ),
      'child.yaml': CHILD,
    });
    expect(result.errors.map((e) => [e.file, e.message])).toEqual([
      [
        'child.yaml',
        'the parent stack parent.yaml (resource Child) gives parameter Extra, which this template does not declare; CloudFormation rejects the nested stack ("Parameters: [Extra] do not exist in the template")',
      ],
    ]);
  });

  it('is no error for a parameter the parent leaves out with AWS::NoValue, or may (an Fn::If)', () => {
    const conditions = `Parameters:\n  UseB: { Type: String, Default: 'no' }\nConditions:\n  HasB: !Equals [!Ref UseB, 'yes']\n`;
    for (const extra of ['!Ref AWS::NoValue', '!If [HasB, x, !Ref AWS::NoValue]']) {
      const { result } = scanProject({
        'parent.yaml': parent(
          stack('Child', 'child.yaml', `Runtime: python3.12\n        UrlAuth: NONE\n        Extra: ${extra}`),
          conditions,
        ),
        'child.yaml': CHILD,
      });
      expect(result.errors).toEqual([]);
    }
  });

  it('is still an error for an Fn::If whose branches both give a value (it is passed in every deploy)', () => {
    const conditions = `Parameters:\n  UseB: { Type: String, Default: 'no' }\nConditions:\n  HasB: !Equals [!Ref UseB, 'yes']\n`;
    const { result } = scanProject({
      'parent.yaml': parent(
        stack(
          'Child',
          'child.yaml',
          'Runtime: python3.12\n        UrlAuth: NONE\n        Extra: !If [HasB, x, y]',
        ),
        conditions,
      ),
      'child.yaml': CHILD,
    });
    expect(result.errors.map((e) => e.message)).toEqual([expect.stringContaining('gives parameter Extra')]);
  });

  it('is no error when an Fn::If chooses the whole Parameters map', () => {
    const conditions = `Parameters:\n  UseB: { Type: String, Default: 'no' }\nConditions:\n  HasB: !Equals [!Ref UseB, 'yes']\n`;
    const chosen = stack('Child', 'child.yaml').replace(
      /Parameters:\n.*\n.*\n$/,
      'Parameters: !If [HasB, { Runtime: python3.12, UrlAuth: NONE }, { Runtime: python3.7, UrlAuth: NONE }]\n',
    );
    const { result } = scanProject({ 'parent.yaml': parent(chosen, conditions), 'child.yaml': CHILD });
    expect(result.errors).toEqual([]);
  });

  it('is no error when every parameter given is declared', () => {
    const { result } = scanProject({
      'parent.yaml': parent(stack('Child', 'child.yaml')),
      'child.yaml': CHILD,
    });
    expect(result.errors).toEqual([]);
  });
});

describe("a parent's Parameters: !If [...] that chooses the whole map", () => {
  const REGION = "Conditions:\n  IsUsEast1: !Equals [!Ref 'AWS::Region', us-east-1]\n";
  const choose = (yes: string, no: string) =>
    `Fn::If:\n          - IsUsEast1\n          - ${yes}\n          - ${no}`;

  it('gives each parameter as that condition gives it: the same text either way is that text', () => {
    const { result, url, runtime } = scanProject({
      'parent.yaml': parent(
        stack(
          'Child',
          './child.yaml',
          choose('{ Runtime: python3.7, UrlAuth: NONE }', '{ Runtime: python3.7, UrlAuth: AWS_IAM }'),
        ),
        REGION,
      ),
      'child.yaml': CHILD,
    });
    expect(result.errors).toEqual([]);
    expect(runtime.map((f) => f.status)).toEqual(['fail']);
    // One branch NONE, the other AWS_IAM: not known before deploy, and said to come from the parent.
    expect(url.map((f) => f.status)).toEqual(['unknown']);
    expect(url[0]?.message).toContain(
      'given by the parent stack parent.yaml (depends on condition IsUsEast1',
    );
  });

  it('gives the same reference either way as that reference, alike with a nesting that gives it plainly', () => {
    const ROLE_CHILD = CHILD.replace('Role: arn:aws:iam::123456789012:role/r', 'Role: !Ref RoleArn').replace(
      'Parameters:\n',
      'Parameters:\n  RoleArn:\n    Type: String\n',
    );
    const role = `  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
`;
    const chosen = choose(
      '{ RoleArn: !GetAtt Role.Arn, Runtime: python3.13, UrlAuth: AWS_IAM }',
      '{ RoleArn: !GetAtt Role.Arn, Runtime: python3.13, UrlAuth: AWS_IAM }',
    );
    // The same written per value: `RoleArn: !If [C, !GetAtt Role.Arn, !GetAtt Role.Arn]`.
    const perValue =
      'RoleArn: !If [IsUsEast1, !GetAtt Role.Arn, !GetAtt Role.Arn]\n        Runtime: python3.13\n        UrlAuth: AWS_IAM';
    const plain = 'RoleArn: !GetAtt Role.Arn\n        Runtime: python3.13\n        UrlAuth: AWS_IAM';
    for (const first of [chosen, perValue]) {
      const { result } = scanProject({
        'parent.yaml': parent(
          role + stack('A', './child.yaml', first) + stack('B', './child.yaml', plain),
          REGION,
        ),
        'child.yaml': ROLE_CHILD,
      });
      expect(JSON.stringify(result)).not.toContain('different values');
      expect(result.findings.filter((f) => f.resource.id === '${RoleArn}')).toEqual([]);
    }
  });
});

describe("a NoEcho value of the parent given to a nested stack's parameter", () => {
  const SECRET = 'Sup3rS3cretPassw0rd2024';
  const PARENT = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
    Default: ${SECRET}
  Region:
    Type: String
    Default: eu-west-1
Resources:
  App:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./child.yaml
      Parameters:
        Password: !Ref DbPassword
        ConnectionString: !Sub 'postgres://app:\${DbPassword}@db.internal:5432/orders'
        Code: !Ref DbPassword
        ApiToken: ghp_literalTokenValue
`;
  const CHILD_WITH_ENV = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Password:
    Type: String
  ConnectionString:
    Type: String
  Code:
    Type: String
    AllowedPattern: '^[a-z]+$'
  ApiToken:
    Type: String
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'def handler(e, c): pass' }
      Environment:
        Variables:
          DB_PASSWORD: !Ref Password
          DB_URL: !Ref ConnectionString
          API_TOKEN: !Ref ApiToken
`;
  const scanned = () => {
    const dir = project({ 'parent.yaml': PARENT, 'child.yaml': CHILD_WITH_ENV });
    return scanCdkOut(dir);
  };
  const secretFindings = (of: ReturnType<typeof scanned>['of']) =>
    of('lambda.env-plaintext-secret', 'Fn').filter((f) => f.status === 'fail');

  it("is a NoEcho value of the nested stack's own, written in a template: a secret where names say so", () => {
    const { of } = scanned();
    const failed = secretFindings(of);
    // The text never reaches the nested stack (its parts could be shown there): DB_URL, named like no secret,
    // is judged as a NoEcho value given at deploy is, by names.
    expect(failed.map((f) => f.evidence?.variable).sort()).toEqual(['API_TOKEN', 'DB_PASSWORD']);
    const password = failed.find((f) => f.evidence?.variable === 'DB_PASSWORD');
    expect(password?.severity).toBe('high');
    expect(password?.message).toContain(
      "set from parameter Password (given by the parent stack parent.yaml (resource App) from its NoEcho parameters' defaults)",
    );
    // A literal the parent writes is named as given by the parent, not as given with -p.
    const token = failed.find((f) => f.evidence?.variable === 'API_TOKEN');
    expect(token?.message).toContain(
      'parameter ApiToken (given by the parent stack parent.yaml (resource App))',
    );
  });

  it("is checked against the nested stack's constraints, and the error does not show it", () => {
    const { result } = scanned();
    expect(result.errors.map((e) => e.message)).toEqual([
      'parameter Code: the value the parent stack parent.yaml (resource App) gives is not matched by its ' +
        'AllowedPattern; CloudFormation rejects the nested stack (scanned with it anyway)',
    ]);
  });

  it('stays hidden and judged two levels down, made into other text on the way', () => {
    const mid = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Pw:
    Type: String
Resources:
  Leaf:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./leaf.yaml
      Parameters:
        Password: !Sub 'x-\${Pw}'
        Code: a
        ConnectionString: b
        ApiToken: c
`;
    const top = PARENT.replace('TemplateURL: ./child.yaml', 'TemplateURL: ./mid.yaml').replace(
      /Parameters:\n {8}Password: [\s\S]*$/,
      'Parameters:\n        Pw: !Ref DbPassword\n',
    );
    const dir = project({ 'top.yaml': top, 'mid.yaml': mid, 'leaf.yaml': CHILD_WITH_ENV });
    const { result, of } = scanCdkOut(dir);
    const password = secretFindings(of).find((f) => f.evidence?.variable === 'DB_PASSWORD');
    expect(password?.message).toContain(
      "(given by the parent stack mid.yaml (resource Leaf) from its NoEcho parameters' defaults)",
    );
    expect(JSON.stringify(result)).not.toContain('Sup3r');
  });

  it('shows no part of it where the nested stack cuts or joins it (!Split, !Select, !Sub)', () => {
    const child = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Tok: { Type: String }
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !Select [2, !Split ['-', !Ref Tok]]
      Handler: index.handler
      Role: !Sub ['arn:aws:iam::123456789012:role/\${Name}', { Name: !Select [1, !Split ['-', !Ref Tok]] }]
      Code: { ZipFile: 'x' }
`;
    const top = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Token: { Type: String, NoEcho: true, Default: nodejs-crimson-falcon }
  Short: { Type: String, NoEcho: true, Default: 'on' }
Resources:
  App:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./child.yaml
      Parameters:
        Tok: !Ref Token
`;
    const { result } = scanCdkOut(project({ 'parent.yaml': top, 'child.yaml': child }));
    const report = JSON.stringify(result);
    for (const part of ['crimson', 'falcon']) expect(report).not.toContain(part);
    // A short NoEcho value of the parent is not looked for in the nested stack's words: nothing there holds it.
    expect(report).not.toContain('NoEcho parameter Short');
  });

  it('is checked against the constraints also when built into other text, two levels down, and nested twice', () => {
    const leaf = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Token: { Type: String, AllowedPattern: '^[a-z]+$' }
  Short: { Type: String, MaxLength: 3 }
Resources:
  Queue: { Type: AWS::SQS::Queue }
`;
    const mid = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Pw: { Type: String }
Resources:
  Leaf:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./leaf.yaml
      Parameters:
        Token: !Ref Pw
        Short: !Sub 'pre-\${Pw}'
`;
    const top = (stack: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Secret: { Type: String, NoEcho: true, Default: UPPER${SECRET} }
Resources:
  ${stack}:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./mid.yaml
      Parameters:
        Pw: !Ref Secret
`;
    const errors = (files: Record<string, string>) =>
      scanCdkOut(project(files)).result.errors.map((e) =>
        e.message.replace(/ \(resource \w+\)| \(.*\) gives/, ''),
      );
    const once = errors({ 'top.yaml': top('Mid'), 'mid.yaml': mid, 'leaf.yaml': leaf });
    expect(once).toEqual([
      expect.stringMatching(
        /^parameter Token: the value the parent stack mid\.yaml .*not matched by its AllowedPattern/,
      ),
      expect.stringMatching(
        /^parameter Short: the value the parent stack mid\.yaml .*longer than MaxLength 3/,
      ),
    ]);
    // Nested by two stacks that give the same value, it is checked too.
    const twice = errors({
      'top.yaml': top('Mid'),
      'top2.yaml': top('Mid2'),
      'mid.yaml': mid,
      'leaf.yaml': leaf,
    });
    expect(twice).toHaveLength(2);
    expect(JSON.stringify([once, twice])).not.toContain(SECRET);
  });

  it("decides the nested stack's conditions that compare it, without showing it", () => {
    const child = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Mode: { Type: String }
Conditions:
  IsSecret: !Equals [!Ref Mode, ${SECRET}]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !If [IsSecret, python3.7, python3.13]
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'x' }
`;
    const { result, of } = scanCdkOut(
      project({
        'parent.yaml': PARENT.replace('Password: !Ref DbPassword', 'Mode: !Ref DbPassword'),
        'child.yaml': child,
      }),
    );
    expect(of('lambda.runtime-deprecated', 'Fn').map((f) => f.status)).toEqual(['fail']);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('is no secret when empty: an empty NoEcho default writes nothing', () => {
    const parent = PARENT.replace(`Default: ${SECRET}`, "Default: ''");
    const { of } = scanCdkOut(project({ 'parent.yaml': parent, 'child.yaml': CHILD_WITH_ENV }));
    expect(secretFindings(of).map((f) => f.evidence?.variable)).not.toContain('DB_PASSWORD');
  });

  it("is not passed on through a sibling stack's output either", () => {
    const sibling = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Secret: { Type: String, NoEcho: true, Default: svc${SECRET} }
Resources:
  Queue: { Type: AWS::SQS::Queue }
Outputs:
  Whole:
    Value: !Ref Secret
`;
    const reader = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Rt: { Type: String }
Resources:
${CHILD.slice(CHILD.indexOf('  Fn:')).split('  Url:')[0]?.replace('!Ref Runtime', '!Ref Rt')}`;
    const parent = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  A:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./a.yaml
  B:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./b.yaml
      Parameters:
        Rt: !GetAtt A.Outputs.Whole
`;
    const { result, of } = scanCdkOut(
      project({ 'parent.yaml': parent, 'a.yaml': sibling, 'b.yaml': reader }),
    );
    expect(of('lambda.runtime-deprecated', 'Fn').map((f) => f.status)).toEqual(['unknown']);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('shows up in no report, not even in part', () => {
    const { result } = scanned();
    const reports = [JSON.stringify(result), toSarif(result, ALL_CHECKS), toText(result, { color: false })];
    for (const report of reports) {
      expect(report).not.toContain('Sup3r');
      expect(report).not.toContain('Passw0rd2024');
    }
  });
});
