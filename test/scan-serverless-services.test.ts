// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Serverless `${...}` variables are written in these tests
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../src/checks/index.js';
import { EMPTY_CONFIG } from '../src/config/config.js';
import { scan } from '../src/scan.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-sls-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const run = (paths: string[], cwd: string) =>
  scan(paths, { checks: ALL_CHECKS, config: EMPTY_CONFIG, scanDate: new Date('2026-11-25'), cwd });

/** A service as `serverless create` starts one: a function and a table, in the Framework's own format. */
const SERVICE = `service: people
provider:
  name: aws
  runtime: nodejs12.x
resources:
  Resources:
    PeopleTable:
      Type: 'AWS::DynamoDB::Table'
functions:
  hello:
    handler: handler.hello
`;

/** What `serverless package` writes to .serverless/: the service's CloudFormation, as JSON. */
const PACKAGED = JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: { ServerlessDeploymentBucket: { Type: 'AWS::S3::Bucket' } },
});

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Queue:
    Type: AWS::SQS::Queue
`;

describe('a Serverless Framework service in a folder scanned', () => {
  it('names serverless.yml and says what to do when nothing was packaged: nothing was checked', () => {
    const dir = project({ 'serverless.yml': SERVICE });
    const result = run([dir], dir);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      'no CloudFormation, SAM or CDK template found in .: nothing was checked',
      'serverless.yml: Serverless Framework service not checked: run `serverless package`, then scan the CloudFormation it writes to .serverless/',
    ]);
  });

  it("says it of each service whose .serverless/ is not there, naming that service's folder", () => {
    const dir = project({
      'template.yaml': SAM,
      'services/api/serverless.ts': "export default { service: 'api', provider: { name: 'aws' } };\n",
      // A serverless-express handler: no service definition, no warning.
      'src/serverless.ts':
        "import serverlessExpress from '@codegenie/serverless-express';\nexport const handler = serverlessExpress({ app });\n",
      'services/web/serverless.yml': SERVICE,
      'services/web/.serverless/cloudformation-template-update-stack.json': PACKAGED,
    });
    const result = run([dir], dir);
    expect(result.templates.map((t) => t.file).sort()).toEqual([
      'services/web/.serverless/cloudformation-template-update-stack.json',
      'template.yaml',
    ]);
    expect(result.warnings).toEqual([
      'services/api/serverless.ts: Serverless Framework service not checked: run `serverless package`, then scan the CloudFormation it writes to services/api/.serverless/',
    ]);
  });

  it('says the same of a .serverless/ that holds no template (an old package of zips only)', () => {
    const dir = project({ 'serverless.yml': SERVICE, '.serverless/people.zip': 'PK' });
    expect(run([dir], dir).warnings).toContain(
      'serverless.yml: Serverless Framework service not checked: run `serverless package`, then scan the CloudFormation it writes to .serverless/',
    );
  });

  it('says nothing more where the packaged template could not be read: its error says what happened', () => {
    const dir = project({
      'serverless.yml': SERVICE,
      '.serverless/cloudformation-template-update-stack.json': '{"AWSTemplateFormatVersion": "2010-09-09", ',
    });
    const result = run([dir], dir);
    expect(result.errors.map((e) => e.file)).toEqual([
      '.serverless/cloudformation-template-update-stack.json',
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('says nothing of a service for another provider than AWS, which deploys no CloudFormation', () => {
    const dir = project({
      'template.yaml': SAM,
      'azure/serverless.yml': SERVICE.replace('name: aws', 'name: azure'),
      'google/serverless.json': JSON.stringify({ service: 'g', provider: { name: 'google' } }),
      'openwhisk/serverless.yml': 'service: o\nprovider: openwhisk\n',
      'knative/serverless.ts': "export default { service: 'k', provider: { name: 'knative' } };\n",
    });
    const result = run([dir], dir);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('warns of a service whose provider is aws in any case, not written or a variable: AWS is the default', () => {
    const dir = project({
      'template.yaml': SAM,
      'upper/serverless.yml': SERVICE.replace('name: aws', 'name: AWS'),
      'none/serverless.yml': 'service: n\nfunctions:\n  hello:\n    handler: handler.hello\n',
      'chosen/serverless.yml': "service: c\nprovider:\n  name: ${opt:provider, 'aws'}\n",
      'text/serverless.yml': 'service: t\nprovider: aws\n',
      'code/serverless.ts':
        "export default { service: 'c', provider: { name: 'aws', runtime: 'nodejs20.x' } };\n",
    });
    const warned = run([dir], dir).warnings.map((w) => w.split(':')[0]);
    expect(warned).toEqual([
      'chosen/serverless.yml',
      'code/serverless.ts',
      'none/serverless.yml',
      'text/serverless.yml',
      'upper/serverless.yml',
    ]);
  });

  it('is an error, as any named file that is no template, saying there is nothing to check and what to do, when a service for another provider is named', () => {
    const dir = project({ 'serverless.yml': SERVICE.replace('name: aws', 'name: azure') });
    expect(run([join(dir, 'serverless.yml')], dir).errors).toEqual([
      {
        kind: 'template',
        file: 'serverless.yml',
        line: 1,
        column: 1,
        message:
          'serverless.yml is a Serverless Framework service for provider azure, not AWS: it deploys no CloudFormation, ' +
          'so nothing in it can be checked; leave it off the command line (a folder scan passes over it)',
      },
    ]);
  });

  it('is an error that says what to do when serverless.yml is named on the command line', () => {
    const dir = project({ 'serverless.yml': SERVICE });
    const result = run([join(dir, 'serverless.yml')], dir);
    expect(result.errors).toEqual([
      {
        kind: 'template',
        file: 'serverless.yml',
        line: 1,
        column: 1,
        message:
          'serverless.yml is a Serverless Framework service, not a CloudFormation template: run `serverless package`, then scan the CloudFormation it writes to .serverless/',
      },
    ]);
    // Any other file that is no template says only that.
    writeFileSync(join(dir, 'other.yml'), SERVICE);
    expect(run([join(dir, 'other.yml')], dir).errors.map((e) => e.message)).toEqual([
      'other.yml is not a CloudFormation template (no Resources with a Type)',
    ]);
  });
});
