import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cdkOut, cdkQueue, cdkWorker, scanCdkOut, WORKER_ROLE } from '../../helpers/cdk-out.js';

const CHILD_FILE = 'MyStackWorkers8A1C4D2E.nested.template.json';
const QUEUE_PARAMETER = 'referencetoMyStackQueue4A7E3555Arn';
const ROLE = WORKER_ROLE;

/** A nested stack as `cdk synth` writes it: a worker whose role sends to a queue of the parent stack. */
function nestedTemplate(): Record<string, unknown> {
  return {
    Parameters: {
      [QUEUE_PARAMETER]: { Type: 'String' },
      referencetoMyStackRuntime: { Type: 'String' },
    },
    Resources: cdkWorker(
      'MyStack/Workers/Worker',
      { Ref: QUEUE_PARAMETER },
      { Ref: 'referencetoMyStackRuntime' },
    ),
  };
}

/** The parent stack: the queue, and the nested stack resource that gives it the queue's ARN. */
function parentTemplate(
  parameters: Record<string, unknown>,
  assetPath = CHILD_FILE,
): Record<string, unknown> {
  return {
    Parameters: { Runtime: { Type: 'String', Default: 'nodejs16.x' } },
    Resources: {
      ...cdkQueue(),
      WorkersNestedStackWorkersNestedStackResource9C617903: {
        Type: 'AWS::CloudFormation::Stack',
        Properties: {
          Parameters: parameters,
          TemplateURL: {
            'Fn::Join': [
              '',
              [
                'https://s3.',
                { Ref: 'AWS::Region' },
                '.',
                { Ref: 'AWS::URLSuffix' },
                '/',
                { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' },
                '/5c2b1a0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b.json',
              ],
            ],
          },
        },
        UpdateReplacePolicy: 'Delete',
        DeletionPolicy: 'Delete',
        Metadata: {
          'aws:cdk:path': 'MyStack/Workers.NestedStack/Workers.NestedStackResource',
          'aws:asset:path': assetPath,
          'aws:asset:property': 'TemplateURL',
        },
      },
    },
  };
}

const CDK_PARAMETERS = {
  [QUEUE_PARAMETER]: { 'Fn::GetAtt': ['Queue4A7E3555', 'Arn'] },
  referencetoMyStackRuntime: { Ref: 'Runtime' },
};

const run = scanCdkOut;

describe('CDK nested stacks take their parameters from the parent stack', () => {
  it('reads a GetAtt of a parent resource as that resource, not as any text', () => {
    const dir = cdkOut({
      'MyStack.template.json': parentTemplate(CDK_PARAMETERS),
      [CHILD_FILE]: nestedTemplate(),
    });
    const { result, of } = run(dir);
    expect(result.errors).toEqual([]);
    const write = of('iam.role-wildcard-resource-write', ROLE);
    expect(write.map((f) => f.status)).toEqual(['pass']);
  });

  it("reads a parent's resource inside the nested stack's own text as that resource", () => {
    // The queue and whatever follows it: specific text, though not known before deploy.
    const child = {
      ...nestedTemplate(),
      Resources: cdkWorker(
        'MyStack/Workers/Worker',
        { 'Fn::Sub': `\${${QUEUE_PARAMETER}}-*` },
        { Ref: 'referencetoMyStackRuntime' },
      ),
    };
    const parameters = { ...CDK_PARAMETERS, [QUEUE_PARAMETER]: { Ref: 'Queue4A7E3555' } };
    const dir = cdkOut({ 'MyStack.template.json': parentTemplate(parameters), [CHILD_FILE]: child });
    const { result, of } = run(dir);
    expect(result.errors).toEqual([]);
    expect(of('iam.role-wildcard-resource-write', ROLE).map((f) => f.status)).toEqual(['pass']);
  });

  it("uses a literal of the parent, its own parameters' defaults resolved there", () => {
    const dir = cdkOut({
      'MyStack.template.json': parentTemplate(CDK_PARAMETERS),
      [CHILD_FILE]: nestedTemplate(),
    });
    const { of } = run(dir);
    const runtime = of('lambda.runtime-deprecated', 'Worker3B7A2D1C');
    expect(runtime.map((f) => f.status)).toEqual(['fail']);
    expect(runtime[0]?.message).toContain('nodejs16.x');
    // The parent took it from its own parameter's default, which a deploy may change: an assumption.
    expect(runtime[0]?.assumptions).toEqual([
      'parameter referencetoMyStackRuntime is given by the parent stack MyStack.template.json (resource ' +
        'WorkersNestedStackWorkersNestedStackResource9C617903) from a default of its own, which a deploy may override',
    ]);
  });

  it("resolves the parent's parameters with the -p values", () => {
    const dir = cdkOut({
      'MyStack.template.json': parentTemplate(CDK_PARAMETERS),
      [CHILD_FILE]: nestedTemplate(),
    });
    const { of } = run(dir, [dir], { Runtime: 'nodejs22.x' });
    expect(of('lambda.runtime-deprecated', 'Worker3B7A2D1C').map((f) => f.status)).toEqual(['pass']);
    // Given with -p, no default is assumed: the finding says only that the parent stack gives it.
    const old = run(dir, [dir], { Runtime: 'nodejs16.x' }).of('lambda.runtime-deprecated', 'Worker3B7A2D1C');
    expect(old.map((f) => [f.status, f.assumptions])).toEqual([
      [
        'fail',
        [
          'parameter referencetoMyStackRuntime is given by the parent stack MyStack.template.json (resource WorkersNestedStackWorkersNestedStackResource9C617903)',
        ],
      ],
    ]);
  });

  it('warns that a -p value for a parameter the parent gives is not used in the nested stack', () => {
    const dir = cdkOut({
      'MyStack.template.json': parentTemplate(CDK_PARAMETERS),
      [CHILD_FILE]: nestedTemplate(),
    });
    const { result, of } = run(dir, [dir], {
      referencetoMyStackRuntime: 'nodejs22.x',
      Runtime: 'nodejs16.x',
    });
    expect(of('lambda.runtime-deprecated', 'Worker3B7A2D1C').map((f) => f.status)).toEqual(['fail']);
    expect(result.warnings).toContain(
      `${CHILD_FILE}: parameter referencetoMyStackRuntime given with -p is not used here: the parent stack ` +
        'MyStack.template.json (resource WorkersNestedStackWorkersNestedStackResource9C617903) gives it',
    );
    expect(result.warnings.filter((w) => w.includes('parameter Runtime'))).toEqual([]);
  });

  it('does not warn when the parent passes the same -p value down (its own parameter, by !Ref)', () => {
    const dir = cdkOut({
      'MyStack.template.json': parentTemplate({
        ...CDK_PARAMETERS,
        referencetoMyStackRuntime: { Ref: 'Runtime' },
      }),
      [CHILD_FILE]: nestedTemplate(),
    });
    const { result } = run(dir, [dir], { referencetoMyStackRuntime: 'nodejs22.x', Runtime: 'nodejs22.x' });
    expect(result.warnings.filter((w) => w.includes('given with -p is not used'))).toEqual([]);
  });

  it('explores a condition on a value the parent took from its own default, as on a default; not on a -p value', () => {
    const child = {
      ...nestedTemplate(),
      Conditions: { IsLegacy: { 'Fn::Equals': [{ Ref: 'referencetoMyStackRuntime' }, 'legacy'] } },
      Resources: cdkWorker(
        'MyStack/Workers/Worker',
        { Ref: QUEUE_PARAMETER },
        {
          'Fn::If': ['IsLegacy', 'nodejs16.x', 'nodejs22.x'],
        },
      ),
    };
    const dir = cdkOut({ 'MyStack.template.json': parentTemplate(CDK_PARAMETERS), [CHILD_FILE]: child });
    const byDefault = run(dir).of('lambda.runtime-deprecated', 'Worker3B7A2D1C');
    expect(byDefault.map((f) => f.status)).toEqual(['unknown']);
    expect(byDefault[0]?.message).toMatch(
      /^When condition IsLegacy holds \(referencetoMyStackRuntime=legacy, not its parent stack's default nodejs16\.x\): Runtime nodejs16\.x /,
    );
    const given = run(dir, [dir], { Runtime: 'nodejs16.x' }).of(
      'lambda.runtime-deprecated',
      'Worker3B7A2D1C',
    );
    expect(given.map((f) => f.status)).toEqual(['pass']);
  });

  it('does not pass a NoEcho parameter of the parent down as text', () => {
    const parent = parentTemplate({ ...CDK_PARAMETERS, referencetoMyStackRuntime: { Ref: 'Secret' } });
    (parent.Parameters as Record<string, unknown>).Secret = {
      Type: 'String',
      NoEcho: true,
      Default: 'hunter2-secret',
    };
    const dir = cdkOut({ 'MyStack.template.json': parent, [CHILD_FILE]: nestedTemplate() });
    const { result, of } = run(dir);
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(of('lambda.runtime-deprecated', 'Worker3B7A2D1C').map((f) => f.status)).toEqual(['unknown']);
  });

  it('takes a literal wildcard from the parent as what it is', () => {
    const parameters = { ...CDK_PARAMETERS, [QUEUE_PARAMETER]: '*' };
    const dir = cdkOut({
      'MyStack.template.json': parentTemplate(parameters),
      [CHILD_FILE]: nestedTemplate(),
    });
    const { of } = run(dir);
    expect(of('iam.role-wildcard-resource-write', ROLE).map((f) => f.status)).toEqual(['fail']);
  });

  it('says a value the parent does not know either comes from the parent stack', () => {
    const parameters = { ...CDK_PARAMETERS, [QUEUE_PARAMETER]: { 'Fn::ImportValue': 'SharedQueueArn' } };
    const dir = cdkOut({
      'MyStack.template.json': parentTemplate(parameters),
      [CHILD_FILE]: nestedTemplate(),
    });
    const { of } = run(dir);
    const write = of('iam.role-wildcard-resource-write', ROLE);
    expect(write.map((f) => f.status)).toEqual(['unknown']);
    expect(write[0]?.message).toContain(
      `from parameter ${QUEUE_PARAMETER}, given by the parent stack MyStack.template.json`,
    );
  });

  it('leaves a nested template scanned alone as it was: its parameters have no value', () => {
    const dir = cdkOut({
      'MyStack.template.json': parentTemplate(CDK_PARAMETERS),
      [CHILD_FILE]: nestedTemplate(),
    });
    const { result, of } = run(dir, [join(dir, CHILD_FILE)]);
    expect(result.templates.map((t) => t.file)).toEqual([CHILD_FILE]);
    const write = of('iam.role-wildcard-resource-write', ROLE);
    expect(write.map((f) => f.status)).toEqual(['unknown']);
    expect(write[0]?.message).toContain(`from parameter ${QUEUE_PARAMETER}, which has no default`);
    expect(of('lambda.runtime-deprecated', 'Worker3B7A2D1C').map((f) => f.status)).toEqual(['unknown']);
  });

  it('changes nothing when the asset path names no scanned file', () => {
    const dir = cdkOut({
      'MyStack.template.json': parentTemplate(CDK_PARAMETERS, 'MyStackOther0F0F0F0F.nested.template.json'),
      [CHILD_FILE]: nestedTemplate(),
    });
    const { result, of } = run(dir);
    expect(result.errors).toEqual([]);
    expect(of('iam.role-wildcard-resource-write', ROLE).map((f) => f.status)).toEqual(['unknown']);
  });

  it('passes a resource of the top stack down through a nested stack of a nested stack', () => {
    const grandchild = 'MyStackWorkersInnerD4E5F6A7.nested.template.json';
    // The middle stack is itself nested: it declares what the top stack gives, and passes it on.
    const passOn = {
      [QUEUE_PARAMETER]: { Ref: QUEUE_PARAMETER },
      referencetoMyStackRuntime: { Ref: 'referencetoMyStackRuntime' },
    };
    const middle = {
      ...parentTemplate(passOn, grandchild),
      Parameters: { [QUEUE_PARAMETER]: { Type: 'String' }, referencetoMyStackRuntime: { Type: 'String' } },
    };
    const dir = cdkOut({
      'MyStack.template.json': parentTemplate(CDK_PARAMETERS),
      [CHILD_FILE]: middle,
      [grandchild]: nestedTemplate(),
    });
    const { result, of } = run(dir);
    expect(result.errors).toEqual([]);
    expect(of('iam.role-wildcard-resource-write', ROLE).map((f) => f.status)).toEqual(['pass']);
    expect(of('lambda.runtime-deprecated', 'Worker3B7A2D1C').map((f) => f.status)).toEqual(['fail']);
  });
});

describe('a CDK nested stack whose TemplateURL is made with Fn::Join', () => {
  const ASSET_KEY = '5c2b1a0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b.json';
  /** The parent as `cdk synth --no-path-metadata --no-asset-metadata` writes it: no metadata on the stack resource. */
  const bareParent = () => {
    const parent = parentTemplate(CDK_PARAMETERS);
    const resources = parent.Resources as Record<string, Record<string, unknown>>;
    delete resources.WorkersNestedStackWorkersNestedStackResource9C617903?.Metadata;
    return parent;
  };
  /** The asset manifest `cdk synth` writes beside the parent: the nested template uploaded under ASSET_KEY. */
  const assets = (key = ASSET_KEY) => ({
    version: '36.0.0',
    files: {
      [key.replace('.json', '')]: {
        source: { path: CHILD_FILE, packaging: 'file' },
        destinations: {
          'current_account-current_region': {
            bucketName: 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}',
            objectKey: key,
          },
        },
      },
    },
    dockerImages: {},
  });
  const runtimeOf = (dir: string) =>
    run(dir)
      .of('lambda.runtime-deprecated', 'Worker3B7A2D1C')
      .map((f) => f.status);

  it('is linked by its aws:asset:path metadata, and not warned of', () => {
    const dir = cdkOut({
      'MyStack.template.json': parentTemplate(CDK_PARAMETERS),
      [CHILD_FILE]: nestedTemplate(),
    });
    expect(run(dir).result.warnings).toEqual([]);
    expect(runtimeOf(dir)).toEqual(['fail']);
  });

  it('without metadata, is linked by the asset manifest beside it (the URL ends with its object key)', () => {
    const dir = cdkOut({
      'MyStack.template.json': bareParent(),
      'MyStack.assets.json': assets(),
      [CHILD_FILE]: nestedTemplate(),
    });
    expect(run(dir).result.warnings).toEqual([]);
    // The parent's runtime default reached the nested stack: linked.
    expect(runtimeOf(dir)).toEqual(['fail']);
    // Named alone, the parent is scanned with it, as with aws:asset:path.
    const alone = run(dir, [join(dir, 'MyStack.template.json')]);
    expect(alone.result.warnings).toEqual([]);
    expect(alone.of('lambda.runtime-deprecated', 'Worker3B7A2D1C').map((f) => f.status)).toEqual(['fail']);
  });

  it('without metadata nor an asset manifest naming it, is warned of as not scanned, its template scanned alone', () => {
    const dir = cdkOut({
      'MyStack.template.json': bareParent(),
      // Another asset of the stack: not this template.
      'MyStack.assets.json': assets(`0${ASSET_KEY.slice(1)}`),
      [CHILD_FILE]: nestedTemplate(),
    });
    const { result } = run(dir);
    expect(result.warnings).toEqual([
      'MyStack.template.json:31:5: the template of nested stack WorkersNestedStackWorkersNestedStackResource9C617903, ' +
        `https://s3.\${AWS::Region}.\${AWS::URLSuffix}/cdk-hnb659fds-assets-\${AWS::AccountId}-\${AWS::Region}/${ASSET_KEY} ` +
        '(made by Fn::Join), is not a local file, so nothing in it was checked (download it to scan it)',
    ]);
    // Scanned alone, the nested template's runtime parameter has no value.
    expect(runtimeOf(dir)).toEqual(['unknown']);
  });
});
