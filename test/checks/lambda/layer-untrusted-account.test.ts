// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/layer-untrusted-account.js';
import { defaultHeader, MAYBE_MADE_HEADER, type Nesting, scanNestings } from '../../helpers/nestings.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { lambdaFunction, samTemplate } from '../../helpers/templates.js';
import { liveFunction, scanLive } from './live-fixture.js';

/** A function with these Layers entries (YAML list items), plus extra resources. */
const withLayers = (layers: string[], resources = '', extra = '') =>
  template(
    lambdaFunction('Fn', `      Layers:\n${layers.map((layer) => `        - ${layer}\n`).join('')}`) +
      resources,
    extra,
  );

const DATADOG = 'arn:aws:lambda:us-east-1:464622532012:layer:Datadog-Python312:100';
/** A layer of an account no vendor list names (layer-vendor-publishers.test.ts): it may be the deploying account. */
const UNLISTED = 'arn:aws:lambda:us-east-1:999988887777:layer:pdf-tools:3';

describe('lambda.layer-untrusted-account', () => {
  it('does not flag layers AWS publishes (prowler flags them): Powertools, Insights, extensions, ADOT, Web Adapter, CodeGuru, SDK for pandas', () => {
    const aws = [
      '!Sub arn:aws:lambda:${AWS::Region}:017000801446:layer:AWSLambdaPowertoolsPythonV3-python312-x86_64:7',
      '!Sub arn:${AWS::Partition}:lambda:${AWS::Region}:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:48',
      'arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:55',
      'arn:aws:lambda:ap-east-1:519774774795:layer:LambdaInsightsExtension:46',
      'arn:aws:lambda:us-east-1:177933569100:layer:AWS-Parameters-and-Secrets-Lambda-Extension:24',
      'arn:aws:lambda:us-east-1:027255383542:layer:AWS-AppConfig-Extension:321',
      'arn:aws:lambda:us-east-1:901920570463:layer:aws-otel-python-amd64-ver-1-32-0:1',
      'arn:aws:lambda:us-east-1:753240598075:layer:LambdaAdapterLayerX86:25',
      '!Sub arn:aws:lambda:${AWS::Region}:157417159150:layer:AWSCodeGuruProfilerPythonAgentLambdaLayer:11',
      '!Sub arn:aws:lambda:${AWS::Region}:336392948345:layer:AWSSDKPandas-Python312:16',
      'arn:aws:lambda:ap-east-1:839552336658:layer:AWSSDKPandas-Python311:4',
    ];
    const { passed, failed, unknown, errors } = scanTemplate(withLayers(aws), check);
    expect(errors).toEqual([]);
    expect([...failed, ...unknown]).toEqual([]);
    expect(passed).toHaveLength(1);
    expect(passed[0]?.message).toContain('Lambda Insights');
  });

  it('is unknown for a layer from a nested application or stack output, or from a resource that is not a layer', () => {
    const app = `  Tools:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: https://example.com/tools.yaml }
  Queue:
    Type: AWS::SQS::Queue
`;
    const { unknown, failed } = scanTemplate(
      withLayers(['!GetAtt Tools.Outputs.LayerVersionArn', '!GetAtt Queue.Arn'], app),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown.map((f) => f.message)).toEqual([
      'Layer ${Tools.Outputs.LayerVersionArn}: its ARN is not known before deploy (output LayerVersionArn of nested stack or application Tools).',
      'Layer Queue: its ARN comes from AWS::SQS::Queue Queue, and is not known before deploy.',
    ]);
  });

  it('passes layers of this template and of the deploying account', () => {
    const mine = ['!Ref SharedLayer', '!Sub arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:layer:common:3'];
    const layer =
      '  SharedLayer:\n    Type: AWS::Lambda::LayerVersion\n    Properties:\n      Content: { S3Bucket: b, S3Key: k }\n';
    const { passed, failed, unknown } = scanTemplate(withLayers(mine, layer), check);
    expect([...failed, ...unknown]).toEqual([]);
    expect(passed[0]?.message).toContain('published by this template');
  });

  it('fails a third-party layer in a live scan, one finding per layer', () => {
    const other = 'arn:aws:lambda:us-east-1:999988887777:layer:tools:2';
    const powertools =
      'arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python312-x86_64:7';
    const { failed, passed } = scanLive([liveFunction([DATADOG, powertools, other])], check);
    expect(passed).toEqual([]);
    expect(failed.map((f) => f.evidence?.layer)).toEqual([DATADOG, other]);
    expect(failed[1]?.message).toContain('published by account 999988887777');
    expect(failed.map((f) => f.severity)).toEqual(['high', 'high']);
    expect(new Set(failed.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('passes a layer of the live account and of a trusted account', () => {
    const own = 'arn:aws:lambda:us-east-1:123456789012:layer:shared:4';
    const { passed, failed } = scanLive([liveFunction([own, DATADOG])], check, {
      trustedAccounts: ['464622532012'],
    });
    expect(failed).toEqual([]);
    expect(passed[0]?.message).toContain('in trustedAccounts');
  });

  it('fails a third-party account in a template whose account is known, pointing at the layer, until it is trusted', () => {
    // Where the template does not say which account it deploys to, 999988887777 may be it: unknown (own-account.test.ts).
    expect(scanTemplate(withLayers([UNLISTED]), check).findings.map((f) => f.status)).toEqual(['unknown']);
    const { unknown, failed } = scanTemplate(withLayers([UNLISTED]), check, { ownAccount: '123456789012' });
    expect(unknown).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain("add it to parapet.yaml: trustedAccounts: ['999988887777']");
    expect(failed[0]?.property).toBe('Layers.0');
    expect(failed[0]?.location).toEqual({ file: 'template.yaml', line: 11, column: 11 });
    const trusted = scanTemplate(withLayers([UNLISTED]), check, {
      settings: { trustedAccounts: ['999988887777'] },
      ownAccount: '123456789012',
    });
    expect(trusted.failed).toEqual([]);
    expect(trusted.passed).toHaveLength(1);
  });

  it('is unknown for a layer ARN from a parameter, an import or SSM', () => {
    const layers = [
      '!Ref LayerArn',
      '!ImportValue shared-layer-arn',
      "'{{resolve:ssm:/layers/powertools/python/x86_64/python3.12/latest}}'",
      '!Sub arn:aws:lambda:${AWS::Region}:${PublisherAccount}:layer:tools:1',
    ];
    const params = 'Parameters:\n  LayerArn: { Type: String }\n  PublisherAccount: { Type: String }\n';
    const { unknown, failed, passed } = scanTemplate(withLayers(layers, '', params), check);
    expect(failed).toEqual([]);
    expect(passed).toEqual([]);
    expect(unknown.map((f) => f.property)).toEqual(['Layers.0', 'Layers.1', 'Layers.2', 'Layers.3']);
    expect(unknown[3]?.message).toContain('publishing account is not known');
    expect(unknown[2]?.message).toBe(
      'Layer {{resolve:ssm:/layers/powertools/python/x86_64/python3.12/latest}}: its ARN is not known before deploy ' +
        '(dynamic reference {{resolve:ssm:/layers/powertools/python/x86_64/python3.12/latest}}, read from SSM ' +
        'Parameter Store at deploy).',
    );
    // The whole ARN from a parameter says which parameter, and why its value is not known.
    expect(unknown[0]?.message).toBe(
      'Layer ${LayerArn}: its ARN is not known before deploy (from parameter LayerArn, which has no default).',
    );
  });

  describe('the public SSM parameters AWS keeps for Powertools layers (only AWS names a parameter /aws/...)', () => {
    const PYTHON = '{{resolve:ssm:/aws/service/powertools/python/x86_64/python3.12/latest}}';

    it("passes a layer read from one, saying it is AWS's Powertools layer by the parameter's documented path", () => {
      const { passed, unknown, failed } = scanTemplate(withLayers([`'${PYTHON}'`]), check);
      expect([failed, unknown]).toEqual([[], []]);
      expect(passed.map((f) => f.message)).toEqual([
        `every layer is trusted: ${PYTHON} (published by AWS: Powertools for AWS Lambda (Python), whose layer ARNs ` +
          'AWS keeps in its public SSM parameters under /aws/service/powertools/python/, where no account can ' +
          'create one)',
      ]);
    });

    it('passes the TypeScript one, a version of a parameter, and a name an Fn::Sub makes, as Powertools documents', () => {
      const layers = [
        "'{{resolve:ssm:/aws/service/powertools/typescript/generic/all/latest}}'",
        "'{{resolve:ssm:/aws/service/powertools/python/arm64/python3.13/3.23.0:2}}'",
        "!Sub '{{resolve:ssm:/aws/service/powertools/python/${Arch}/python3.13/latest}}'",
      ];
      const params = 'Parameters:\n  Arch: { Type: String }\n';
      const { passed, unknown } = scanTemplate(withLayers(layers, '', params), check);
      expect(unknown).toEqual([]);
      expect(passed[0]?.message).toContain(
        'Powertools for AWS Lambda (TypeScript), whose layer ARNs AWS keeps',
      );
    });

    it('leaves unknown another /aws/service/ parameter, one named by its ARN, and one written with more around it', () => {
      const layers = [
        "'{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}'",
        "'{{resolve:ssm:arn:aws:ssm:us-east-1:111122223333:parameter/aws/service/powertools/python/x86_64/python3.12/latest}}'",
        "'{{resolve:ssm:/aws/service/powertools/python/x86_64/python3.12/latest}}-extra'",
      ];
      const { passed, unknown } = scanTemplate(withLayers(layers), check);
      expect(passed).toEqual([]);
      expect(unknown.map((f) => f.property)).toEqual(['Layers.0', 'Layers.1', 'Layers.2']);
    });
  });

  it('is unknown, not unreadable, for an ARN from an import; a literal that is no layer ARN stays unreadable', () => {
    const { unknown } = scanTemplate(
      withLayers(['!ImportValue shared-layer-arn', 'not-a-layer-arn', "''"]),
      check,
    );
    expect(unknown.map((f) => f.message)).toEqual([
      expect.stringMatching(/^Layer .*: its ARN is not known before deploy \(.*import.*\)\.$/i),
      'Layer not-a-layer-arn: not a layer version ARN Parapet can read.',
      // An empty one (a parameter whose default is '') is shown as such.
      'Layer "": not a layer version ARN Parapet can read.',
    ]);
  });

  it('judges a layer chosen by region from a mapping over each ARN the mapping holds', () => {
    const byRegion = (arns: Record<string, string>) =>
      withLayers(
        ['!FindInMap [Layers, !Ref AWS::Region, Arn]'],
        '',
        `Mappings:\n  Layers:\n${Object.entries(arns)
          .map(([region, arn]) => `    ${region}: { Arn: '${arn}' }\n`)
          .join('')}`,
      );
    const euUnlisted = UNLISTED.replace('us-east-1', 'eu-west-1');
    const unlisted = byRegion({ 'us-east-1': UNLISTED, 'eu-west-1': euUnlisted });
    const untrusted = scanTemplate(unlisted, check, { ownAccount: '123456789012' });
    expect(untrusted.failed.map((f) => f.message)).toEqual([
      expect.stringMatching(
        / is one of .*: each is published by account 999988887777, which is neither AWS, nor the account the function is deployed to \(123456789012\), nor in/,
      ),
    ]);
    // Not knowing the template's account, each may be it: unknown, saying so once.
    const maybeOwn = scanTemplate(unlisted, check);
    expect(maybeOwn.failed).toEqual([]);
    expect(maybeOwn.unknown.map((f) => f.message)).toEqual([
      expect.stringContaining(
        "(the template does not say whether 999988887777 is the account it is deployed to: if so, or if you trust it, add it to parapet.yaml: trustedAccounts: ['999988887777'])",
      ),
    ]);
    const powertools =
      'arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python312-x86_64:7';
    const aws = scanTemplate(
      byRegion({ 'us-east-1': powertools, 'eu-west-1': powertools.replace('us-east-1', 'eu-west-1') }),
      check,
    );
    expect([...aws.failed, ...aws.unknown]).toEqual([]);
    const mixed = scanTemplate(byRegion({ 'us-east-1': UNLISTED, 'eu-west-1': powertools }), check);
    expect(mixed.failed).toEqual([]);
    expect(mixed.unknown[0]?.message).toContain(`and not every one is trusted: ${UNLISTED}`);
  });

  it('does not apply to a function without layers', () => {
    const none = template(lambdaFunction());
    expect(scanTemplate(none, check).findings).toEqual([]);
  });

  it('reads SAM Globals layers and reports on the SAM function', () => {
    const sam = samTemplate(
      `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      Layers:
        - !Ref SharedLayer
  SharedLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layer/
`,
      `Globals:\n  Function:\n    Runtime: python3.12\n    Layers:\n      - ${DATADOG}\n`,
    );
    const { unknown, failed, errors } = scanTemplate(sam, check, { ownAccount: '123456789012' });
    expect(errors).toEqual([]);
    expect(unknown).toEqual([]);
    expect(failed.map((f) => [f.resource.id, f.property])).toEqual([['Fn', 'Layers.0']]);
    expect(failed[0]?.message).toContain('464622532012');
    // At the Globals item it came from, not at the function's own Layers.
    const line = sam.split('\n').findIndex((l) => l.includes(DATADOG)) + 1;
    expect(failed[0]?.location.line).toBe(line);
  });
});

describe('lambda.layer-untrusted-account on a template nested more than once', () => {
  /** child.yaml: function Fn whose one layer is parameter LayerArn. */
  const CHILD = template(
    lambdaFunction('Fn', '      Layers:\n        - !Ref LayerArn\n'),
    'Parameters:\n  LayerArn:\n    Type: String\n',
  );
  const POWERTOOLS =
    'arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python312-x86_64:7';
  const layer = (...arns: string[]) => arns.map((arn) => ({ parameters: { LayerArn: arn } }));
  const statuses = (scan: ReturnType<typeof scanNestings>) =>
    scan.of('lambda.layer-untrusted-account', 'Fn').map((f) => f.status);

  it('is unknown when one nesting gives a layer of an account the stack may be deployed to, naming that copy', () => {
    // Nothing here says which account the stacks deploy to: 999988887777 may be it (own-account.test.ts).
    const found = scanNestings(CHILD, layer(POWERTOOLS, UNLISTED)).of('lambda.layer-untrusted-account', 'Fn');
    expect(found.map((f) => f.status)).toEqual(['unknown']);
    expect(found[0]?.message).toContain(
      `each deployed by its own copy, and not every one is trusted: ${UNLISTED} (the template does not say whether 999988887777 is the account it is deployed to`,
    );
  });

  it('passes when every nesting gives a trusted layer', () => {
    const other = 'arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:55';
    expect(statuses(scanNestings(CHILD, layer(POWERTOOLS, other)))).toEqual(['pass']);
  });

  it('is unknown when the nesting giving the untrusted layer may not be made, or gives it by default', () => {
    const maybe: Nesting = { parameters: { LayerArn: DATADOG }, condition: 'IsOld' };
    const conditional = scanNestings(CHILD, [...layer(POWERTOOLS), maybe], MAYBE_MADE_HEADER);
    expect(statuses(conditional)).toEqual(['unknown']);
    const byDefault = scanNestings(CHILD, layer(POWERTOOLS, '!Ref Given'), defaultHeader(DATADOG));
    expect(statuses(byDefault)).toEqual(['unknown']);
  });
});
