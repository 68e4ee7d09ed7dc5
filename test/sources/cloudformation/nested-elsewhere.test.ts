// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cdkOut, scanCdkOut } from '../../helpers/cdk-out.js';

/** A folder holding template.yaml, `resources` (YAML at 2 spaces) under Resources of a SAM template, then `after`. */
function scanParent(resources: string, after = '') {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-nested-elsewhere-'));
  writeFileSync(
    join(dir, 'template.yaml'),
    `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n${resources}${after}`,
  );
  return scanCdkOut(dir).result;
}

const stackAt = (id: string, url: string) =>
  `  ${id}:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ${url}\n`;

const application = (id: string, location: string) =>
  `  ${id}:\n    Type: AWS::Serverless::Application\n    Properties:\n      Location:${location}\n`;

const DATADOG =
  '\n        ApplicationId: arn:aws:serverlessrepo:us-east-1:464622532012:applications/Datadog-Log-Forwarder\n        SemanticVersion: 3.91.0';

describe('a nested stack whose template is not a local file', () => {
  it('is a warning at its TemplateURL, naming the resource and the URL: nothing in it was checked', () => {
    const result = scanParent(
      `${stackAt('Nested', 'https://s3.amazonaws.com/my-bucket/nested.yaml')}${stackAt('Other', 's3://my-bucket/other.yaml')}`,
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      'template.yaml:11:7: the template of nested stack Other, s3://my-bucket/other.yaml, is not a local file, so nothing in it was checked (download it to scan it)',
      'template.yaml:7:7: the template of nested stack Nested, https://s3.amazonaws.com/my-bucket/nested.yaml, is not a local file, so nothing in it was checked (download it to scan it)',
    ]);
  });

  it('is a warning at the Location of an application of the Serverless Application Repository, naming it', () => {
    const result = scanParent(application('DatadogLogForwarder', DATADOG));
    expect(result.warnings).toEqual([
      'template.yaml:7:7: the template of nested stack DatadogLogForwarder, application Datadog-Log-Forwarder 3.91.0 of the Serverless Application Repository, is not a local file, so nothing in it was checked (`aws serverlessrepo create-cloud-formation-template` gives a link to download it)',
    ]);
  });

  it('names only what the template writes as text: an ApplicationId from a mapping is an application', () => {
    const result = scanParent(
      application(
        'Forwarder',
        '\n        ApplicationId: !FindInMap [Apps, !Ref AWS::Region, Id]\n        SemanticVersion: 1.0.0',
      ),
    );
    expect(result.warnings).toEqual([
      'template.yaml:7:7: the template of nested stack Forwarder, an application of the Serverless Application Repository, is not a local file, so nothing in it was checked (`aws serverlessrepo create-cloud-formation-template` gives a link to download it)',
    ]);
  });

  it('shows no password, query or fragment of the URL: a presigned URL carries its signature there', () => {
    const result = scanParent(
      `${stackAt('Nested', "'https://user:pa55word@bucket.s3.amazonaws.com/n.yaml?X-Amz-Signature=abc123#top'")}${application('App', ' https://bucket.s3.amazonaws.com/app.yaml?versionId=7')}`,
    );
    expect(result.warnings).toEqual([
      'template.yaml:11:7: the template of nested stack App, https://bucket.s3.amazonaws.com/app.yaml, is not a local file, so nothing in it was checked (download it to scan it)',
      'template.yaml:7:7: the template of nested stack Nested, https://bucket.s3.amazonaws.com/n.yaml, is not a local file, so nothing in it was checked (download it to scan it)',
    ]);
    expect(result.warnings.join('\n')).not.toMatch(/pa55word|abc123|versionId/);
  });

  it('is one warning per nesting, however many ways the scan reaches the parent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-nested-elsewhere-'));
    writeFileSync(
      join(dir, 'template.yaml'),
      `Resources:\n${stackAt('Nested', 'https://s3.amazonaws.com/b/n.yaml')}${stackAt('Twin', 'https://s3.amazonaws.com/b/n.yaml')}`,
    );
    const { result } = scanCdkOut(dir, [dir, join(dir, 'template.yaml')]);
    expect(result.warnings.map((w) => w.split(',')[0])).toEqual([
      'template.yaml:5:7: the template of nested stack Nested',
      'template.yaml:9:7: the template of nested stack Twin',
    ]);
  });

  it('is a warning at a TemplateURL or Location made with Fn::Sub, which no package uploads, naming its text', () => {
    const result = scanParent(
      `${stackAt('Bucketed', "!Sub 'https://${Bucket}.s3.amazonaws.com/child.yaml'")}` +
        `${stackAt('Named', "!Sub ['${AWS::StackName}-child.yaml', {}]")}` +
        `${application('App', " !Sub 'https://user:pa55word@${Bucket}.s3.amazonaws.com/app.yaml?X-Amz-Signature=abc123'")}`,
      'Parameters:\n  Bucket: { Type: String }\n',
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      'template.yaml:11:7: the template of nested stack Named, ${AWS::StackName}-child.yaml (made by Fn::Sub), is not a local file, so nothing in it was checked (download it to scan it)',
      'template.yaml:15:7: the template of nested stack App, https://${Bucket}.s3.amazonaws.com/app.yaml (made by Fn::Sub), is not a local file, so nothing in it was checked (download it to scan it)',
      'template.yaml:7:7: the template of nested stack Bucketed, https://${Bucket}.s3.amazonaws.com/child.yaml (made by Fn::Sub), is not a local file, so nothing in it was checked (download it to scan it)',
    ]);
    expect(result.warnings.join('\n')).not.toMatch(/pa55word|abc123/);
  });

  it('is a warning at a TemplateURL or Location given by a parameter (Ref), naming it: package uploads no Ref', () => {
    const result = scanParent(
      `${stackAt('Given', '!Ref ChildUrl')}${application('App', ' !Ref AppUrl')}${stackAt('Literal', 'https://s3.amazonaws.com/b/n.yaml')}`,
      'Parameters:\n  ChildUrl: { Type: String }\n  AppUrl: { Type: String }\n',
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      'template.yaml:11:7: the template of nested stack App, ${AppUrl} (made by Ref), is not a local file, so nothing in it was checked (download it to scan it)',
      'template.yaml:15:7: the template of nested stack Literal, https://s3.amazonaws.com/b/n.yaml, is not a local file, so nothing in it was checked (download it to scan it)',
      'template.yaml:7:7: the template of nested stack Given, ${ChildUrl} (made by Ref), is not a local file, so nothing in it was checked (download it to scan it)',
    ]);
  });

  it('is a warning at a TemplateURL chosen by Fn::If, naming both branches without their secrets', () => {
    const result = scanParent(
      stackAt(
        'Chosen',
        "!If [IsProd, 'https://user:pa55word@b.s3.amazonaws.com/prod.yaml?X-Amz-Signature=abc123', !Sub 'https://${Bucket}.s3.amazonaws.com/dev.yaml']",
      ),
    );
    expect(result.warnings).toEqual([
      'template.yaml:7:7: the template of nested stack Chosen, https://b.s3.amazonaws.com/prod.yaml or https://${Bucket}.s3.amazonaws.com/dev.yaml (made by Fn::If), is not a local file, so nothing in it was checked (download it to scan it)',
    ]);
    expect(result.warnings.join('\n')).not.toMatch(/pa55word|abc123/);
  });

  it('is a warning, not a scan of them, for local paths chosen by Fn::If: package uploads no path in a map', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-nested-elsewhere-'));
    const old =
      'Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.6\n';
    writeFileSync(join(dir, 'prod.yaml'), old);
    writeFileSync(join(dir, 'dev.yaml'), old);
    writeFileSync(
      join(dir, 'template.yaml'),
      `Resources:\n${stackAt('Chosen', '!If [IsProd, ./prod.yaml, ./dev.yaml]')}`,
    );
    const { result } = scanCdkOut(dir, [join(dir, 'template.yaml')]);
    expect(result.warnings).toEqual([
      'template.yaml:5:7: the template of nested stack Chosen, ./prod.yaml or ./dev.yaml (made by Fn::If), is not a local file, so nothing in it was checked (`aws cloudformation package` and `sam package` upload no path chosen by Fn::If: write each as text in a stack resource of its own with the condition)',
    ]);
    expect(result.findings).toEqual([]);
  });

  it('says nothing of a TemplateURL given by Ref or chosen by Fn::If in a cloud assembly or by CDK (aws:cdk:path)', () => {
    const stack = (url: unknown, metadata?: Record<string, unknown>) => ({
      Type: 'AWS::CloudFormation::Stack',
      Properties: { TemplateURL: url },
      ...(metadata ? { Metadata: metadata } : {}),
    });
    const cdk = { 'aws:cdk:path': 'App/Child.NestedStack/Child.NestedStackResource' };
    const parent = {
      Resources: {
        Given: stack({ Ref: 'ChildUrl' }, cdk),
        Chosen: stack({ 'Fn::If': ['C', 'https://a/x.json', 'https://b/y.json'] }, cdk),
      },
    };
    expect(scanCdkOut(cdkOut({ 'App.template.json': parent })).result.warnings).toEqual([]);
    const bare = { Resources: { Given: stack({ Ref: 'ChildUrl' }) } };
    const manifest = {
      version: '36.0.0',
      artifacts: {
        App: { type: 'aws:cloudformation:stack', properties: { templateFile: 'App.template.json' } },
      },
    };
    expect(
      scanCdkOut(cdkOut({ 'App.template.json': bare, 'manifest.json': manifest })).result.warnings,
    ).toEqual([]);
  });

  it('says nothing of a TemplateURL made with Fn::Sub by CDK (aws:cdk:path), which writes the template beside it', () => {
    const dir = cdkOut({
      'App.template.json': {
        Resources: {
          Child: {
            Type: 'AWS::CloudFormation::Stack',
            Properties: {
              TemplateURL: { 'Fn::Sub': 'https://s3.${AWS::Region}.amazonaws.com/cdk-assets/abc.json' },
            },
            Metadata: { 'aws:cdk:path': 'App/Child.NestedStack/Child.NestedStackResource' },
          },
        },
      },
    });
    expect(scanCdkOut(dir).result.warnings).toEqual([]);
  });

  it('is a warning at a TemplateURL made with Fn::Join, naming its text, but for CDK (aws:cdk:path)', () => {
    const dir = cdkOut({
      'App.template.json': {
        Resources: {
          Child: {
            Type: 'AWS::CloudFormation::Stack',
            Properties: {
              TemplateURL: {
                'Fn::Join': [
                  '',
                  ['https://s3.', { Ref: 'AWS::Region' }, '.amazonaws.com/cdk-assets/abc.json'],
                ],
              },
            },
          },
          Cdk: {
            Type: 'AWS::CloudFormation::Stack',
            Properties: {
              TemplateURL: {
                'Fn::Join': ['', ['https://s3.', { Ref: 'AWS::Region' }, '.amazonaws.com/x.json']],
              },
            },
            Metadata: { 'aws:cdk:path': 'App/Cdk.NestedStack/Cdk.NestedStackResource' },
          },
          Secret: {
            Type: 'AWS::CloudFormation::Stack',
            Properties: {
              TemplateURL: {
                'Fn::Join': [
                  '/',
                  [
                    { 'Fn::GetAtt': ['Bucket', 'RegionalDomainName'] },
                    { 'Fn::If': ['C', 'a', 'b'] },
                    't.json?sig=abc123',
                  ],
                ],
              },
            },
          },
        },
      },
    });
    expect(scanCdkOut(dir).result.warnings).toEqual([
      'App.template.json:43:5: the template of nested stack Secret, ${Bucket.RegionalDomainName}/${...}/t.json (made by Fn::Join), is not a local file, so nothing in it was checked (download it to scan it)',
      'App.template.json:6:5: the template of nested stack Child, https://s3.${AWS::Region}.amazonaws.com/cdk-assets/abc.json (made by Fn::Join), is not a local file, so nothing in it was checked (download it to scan it)',
    ]);
    expect(scanCdkOut(dir).result.warnings.join('\n')).not.toContain('abc123');
  });

  it('is no warning in a cloud assembly (manifest.json beside it) whose synth wrote no metadata: CDK put it there', () => {
    const parent = {
      Resources: {
        Child: {
          Type: 'AWS::CloudFormation::Stack',
          Properties: {
            TemplateURL: {
              'Fn::Join': ['', ['https://s3.', { Ref: 'AWS::Region' }, '.amazonaws.com/cdk-assets/abc.json']],
            },
          },
        },
      },
    };
    const manifest = {
      version: '36.0.0',
      artifacts: {
        App: { type: 'aws:cloudformation:stack', properties: { templateFile: 'App.template.json' } },
      },
    };
    expect(
      scanCdkOut(cdkOut({ 'App.template.json': parent, 'manifest.json': manifest })).result.warnings,
    ).toEqual([]);
    // The same parent outside a cloud assembly is warned of, beside another tool's manifest.json too (a web app's).
    expect(scanCdkOut(cdkOut({ 'App.template.json': parent })).result.warnings).toHaveLength(1);
    const webApp = { name: 'Shop', start_url: '/' };
    expect(
      scanCdkOut(cdkOut({ 'App.template.json': parent, 'manifest.json': webApp })).result.warnings,
    ).toHaveLength(1);
  });
});
