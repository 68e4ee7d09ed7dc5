// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import roleWildcardResourceWrite from '../src/checks/iam/role-wildcard-resource-write.js';
import envPlaintextSecret from '../src/checks/lambda/env-plaintext-secret.js';
import { scanTemplate } from './helpers/scan-template.js';

// A `!Sub` of a parameter not known before deploy (`${Env}`) and thousands of `${resolve:` pieces, never closed:
// each reader of its `${...}` (Fn::Sub, the resources an environment value names, the secret slots of a value, a
// policy's Resource) once tried each open `${` by reading the rest of the text. A thousand pieces took 29 s to scan,
// ten thousand would have taken most of an hour; read in linear time, these scans take milliseconds.
const PIECES = '${resolve:'.repeat(5000);

const TEMPLATE = `
Parameters:
  Env: { Type: String }
  Blob: { Type: String }
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: s3:PutObject
                Resource: !Sub 'arn:aws:s3:::\${Env}-${PIECES}'
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: !GetAtt Role.Arn
      Code: { ZipFile: 'x' }
      Environment:
        Variables:
          DB: !Sub 'Server=db;Password=\${Blob};${PIECES}'
          OTHER: !Sub '\${Env}-${PIECES}'
`;

describe('a !Sub of thousands of `${` left open', () => {
  it('is read whole, in linear time: the password slot found, the bucket named by its literal text', () => {
    const { failed, unknown, passed, errors } = scanTemplate(TEMPLATE, [
      envPlaintextSecret,
      roleWildcardResourceWrite,
    ]);
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    expect(unknown.map((f) => [f.checkId, f.property, f.message])).toEqual([
      [
        'lambda.env-plaintext-secret',
        'Environment.Variables.DB',
        'Environment variable DB is set from parameter Blob (given at deploy) and named as a secret: if the value ' +
          'is one, the function configuration shows it in plaintext, and so does CloudFormation, the parameter ' +
          'having no NoEcho (DescribeStacks, the console). Pass the name or ARN of a Secrets Manager secret and ' +
          'read it at run time.',
      ],
    ]);
    // `arn:aws:s3:::${Env}-${resolve:...`: whatever Env is, the literal text after it keeps it from every bucket.
    expect(passed.map((f) => f.checkId)).toEqual(['iam.role-wildcard-resource-write']);
  });
});
