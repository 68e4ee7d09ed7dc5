import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODELED_TYPES } from '../../../src/sources/cloudformation/map-resource.js';
import { misspeltResourceType } from '../../../src/sources/cloudformation/resource-types.js';
import { buildTemplateInventory } from '../../../src/sources/cloudformation/template.js';
import { parseYaml } from '../../../src/sources/cloudformation/yaml.js';
import { parapet } from '../../helpers/cli.js';
import { lambdaFunction, samTemplate } from '../../helpers/templates.js';

const guess = (type: string) => misspeltResourceType(type, MODELED_TYPES);

describe('misspeltResourceType', () => {
  it('names the type of the same namespace a typo most likely meant', () => {
    expect(guess('AWS::Lambda::Functon')).toBe('AWS::Lambda::Function');
    expect(guess('AWS::Lambda::Premission')).toBe('AWS::Lambda::Permission');
    expect(guess('AWS::IAM::Roles')).toBe('AWS::IAM::Role');
    expect(guess('AWS::SQS::Queues')).toBe('AWS::SQS::Queue');
    expect(guess('AWS::EC2::Subnt')).toBe('AWS::EC2::Subnet');
    expect(guess('AWS::EC2::Vpc')).toBe('AWS::EC2::VPC');
    expect(guess('aws::lambda::function')).toBe('AWS::Lambda::Function');
  });

  it('guesses at a misspelt Lambda or SAM namespace', () => {
    expect(guess('AWS::Lamda::Permission')).toBe('AWS::Lambda::Permission');
    expect(guess('AWS::Serverles::Function')).toBe('AWS::Serverless::Function');
  });

  it('leaves known types, types of other namespaces and types nothing is close to alone', () => {
    for (const type of [
      'AWS::Lambda::Function',
      'AWS::Lambda::CapacityProvider', // real, not modeled
      'AWS::IAM::Group', // real, not modeled
      'AWS::IoT::Policy', // real, and two letters from AWS::IAM::Policy
      'AWS::EC2::SecurityGroupIngress', // real, of a namespace Parapet knows in part
      'AWS::EC2::EIP', // real, three letters from AWS::EC2::VPC
      'AWS::EC2::VPNGateway',
      'AWS::SQS::QueuePolicy',
      'AWS::Lambda::NetworkConnector', // a type newer than the list: not close to any, so not guessed at
      'Custom::Thing',
      'MyOrg::Service::Thing::MODULE',
      'Nothing',
    ]) {
      expect(guess(type), type).toBeUndefined();
    }
  });
});

describe('a resource of a misspelt type', () => {
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
${lambdaFunction('Good')}  Typo:
    Type: AWS::Lambda::Functon
    Properties:
      Runtime: python2.7
`;

  it('is a warning at its Type, and the rest of the template is checked', () => {
    const parsed = parseYaml(text, 'template.yaml');
    const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
    expect(built.errors).toEqual([]);
    expect(built.warnings).toEqual([
      {
        message:
          'resource Typo has type AWS::Lambda::Functon, which is not a resource type; did you mean ' +
          'AWS::Lambda::Function? Parapet did not check it (and CloudFormation rejects a type it does not know)',
        line: 11,
        column: 5,
      },
    ]);
    expect(built.inventory.list('lambda.function').map((f) => f.id)).toEqual(['Good']);
  });

  it('is listed under WARNINGS with file:line:column by the CLI, which exits as without it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-type-'));
    writeFileSync(join(dir, 'template.yaml'), text);
    const run = parapet(['scan', 'template.yaml'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '  warning template.yaml:11:5: resource Typo has type AWS::Lambda::Functon, which is not a resource type; did you mean AWS::Lambda::Function?',
    );
  });

  it('of SAM is the expansion error, with the guess, and no second warning', () => {
    const sam = samTemplate('  Fn:\n    Type: AWS::Serverless::Functon\n    Properties: {}\n');
    const parsed = parseYaml(sam, 'template.yaml');
    const built = buildTemplateInventory(parsed.value as Record<string, unknown>, parsed.locator);
    expect(built.errors.map((e) => [e.message, e.line, e.column])).toEqual([
      [
        'Fn: AWS::Serverless::Functon is not a SAM resource type Parapet knows (did you mean AWS::Serverless::Function?); left as written',
        5,
        5,
      ],
    ]);
    expect(built.warnings).toEqual([]);
  });
});
