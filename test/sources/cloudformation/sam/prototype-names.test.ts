import { describe, expect, it } from 'vitest';
import { expandSam } from '../../../../src/sources/cloudformation/sam/index.js';
import { expectLikeOrdinaryName, PROTOTYPE_NAMES } from '../../../helpers/prototype-names.js';
import { type Json, loadYaml, plain, props, resource } from './helpers.js';

// Names of Object.prototype (`constructor`, `toString`, `__proto__`, ...) where the SAM expansion looks a name
// up or writes a key it read: undeclared they are treated as any unknown name, declared they work.

const HEADER = 'Transform: AWS::Serverless-2016-10-31\n';

function expand(text: string) {
  const expansion = expandSam(loadYaml(HEADER + text));
  return { template: expansion.template, issues: expansion.issues.map((issue) => issue.message) };
}

/** The expansion as plain data, for comparing the runs with two names. */
function expanded(text: string) {
  const { template, issues } = expand(text);
  return { resources: plain(template.Resources), issues };
}

function fn(properties = ''): string {
  return `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: s3://bucket/app.zip
${properties}`;
}

describe.each(PROTOTYPE_NAMES)('the SAM expansion, with the undeclared name %s', (name) => {
  it('ignores a Globals section of that name as any section SAM does not support', () => {
    expectLikeOrdinaryName(
      (n) => expanded(`Globals:\n  ${n}:\n    Runtime: python3.12\nResources:\n${fn()}`),
      name,
    );
  });

  it('reports a SimpleTable PrimaryKey of that Type as any Type that is not String, Number or Binary', () => {
    expectLikeOrdinaryName(
      (n) =>
        expanded(`Resources:
  Table:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey: {Name: id, Type: ${n}}
`),
      name,
    );
  });

  it('reports an Api event whose RestApiId names it as naming no resource of the template', () => {
    expectLikeOrdinaryName(
      (n) =>
        expanded(`Resources:
${fn(`      Events:
        Get:
          Type: Api
          Properties: {Path: /x, Method: get, RestApiId: ${n}}
`)}`),
      name,
    );
  });

  it('reports an AutoPublishAlias that is a Ref to it as a Ref to no parameter', () => {
    expectLikeOrdinaryName((n) => expanded(`Resources:\n${fn(`      AutoPublishAlias: !Ref ${n}\n`)}`), name);
  });
});

describe.each(PROTOTYPE_NAMES)('the SAM expansion, with %s declared', (name) => {
  it('reads the StageName of an API of that logical id', () => {
    const { template, issues } = expand(`Resources:
${fn(`      Events:
        Get:
          Type: Api
          Properties: {Path: /x, Method: get, RestApiId: !Ref ${name}}
`)}
  ${name}:
    Type: AWS::Serverless::Api
    Properties: {StageName: v1}
`);
    expect(issues).toEqual([]);
    expect(resource(template, 'FnGetPermissionv1').Type).toBe('AWS::Lambda::Permission');
  });

  it('keeps a resource of that logical id as its own key of Resources', () => {
    const { template } = expand(`Resources:\n${fn()}  ${name}:\n    Type: AWS::SNS::Topic\n`);
    const resources = template.Resources as Json;
    expect(Object.getPrototypeOf(resources)).toBe(Object.prototype);
    expect(Object.keys(resources)).toEqual(['Fn', 'FnRole', name]);
    expect(resource(template, name).Type).toBe('AWS::SNS::Topic');
  });

  it('passes a function property of that name through as its own key, with Globals or without', () => {
    for (const globals of ['', 'Globals:\n  Function:\n    Timeout: 5\n']) {
      const { template } = expand(
        `${globals}Resources:\n${fn(`      ${name}: {Runtime: python2.7, Policies: AdministratorAccess}\n`)}`,
      );
      const lambda = props(template, 'Fn');
      expect(Object.getPrototypeOf(lambda)).toBe(Object.prototype);
      expect(Object.hasOwn(lambda, name)).toBe(true);
      expect(lambda.Runtime).toBe('python3.12');
      expect(lambda.Policies).toBeUndefined();
    }
  });

  it('passes an event property of that name through to the event source mapping as its own key', () => {
    const { template } = expand(`Resources:
${fn(`      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: arn:aws:sqs:us-east-1:123456789012:q
            ${name}: {Enabled: false}
`)}`);
    const mapping = props(template, 'FnQueue');
    expect(Object.hasOwn(mapping, name)).toBe(true);
    expect(mapping.Enabled).toBeUndefined();
  });

  it('keeps a top-level key of that name in the template it outputs', () => {
    const { template } = expand(`${name}: {Resources: {}}\nResources:\n${fn()}`);
    expect(Object.getPrototypeOf(template)).toBe(Object.prototype);
    expect(Object.hasOwn(template, name)).toBe(true);
    expect(Object.keys(template.Resources as Json)).toEqual(['Fn', 'FnRole']);
  });
});
