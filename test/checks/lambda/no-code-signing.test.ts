// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are written in these tests
import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/lambda/no-code-signing.js';
import { scanTemplate, template } from '../../helpers/scan-template.js';
import { samTemplate } from '../../helpers/templates.js';

const fn = (extraProps = '') => `  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
${extraProps}`;
const zip = "      Runtime: python3.12\n      Handler: app.handler\n      Code: { ZipFile: 'x' }\n";

describe('lambda.no-code-signing', () => {
  it('fails a Zip function without CodeSigningConfigArn', () => {
    const { failed } = scanTemplate(template(fn(zip)), check);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.resource.id).toBe('Fn');
  });

  it('passes a function with a code signing configuration', () => {
    const { failed, passed } = scanTemplate(
      template(
        fn(
          `${zip}      CodeSigningConfigArn: arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-0abc\n`,
        ),
      ),
      check,
    );
    expect(failed).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('passes a configuration ARN built with pseudo parameters: it is set, whatever the partition', () => {
    const arn =
      "      CodeSigningConfigArn: !Sub 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:code-signing-config:csc-1'\n";
    const { passed, unknown } = scanTemplate(template(fn(zip + arn)), check);
    expect(unknown).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('does not evaluate container images', () => {
    const image =
      '      PackageType: Image\n      Code: { ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1 }\n';
    expect(scanTemplate(template(fn(image)), check).findings).toEqual([]);
  });

  it('is unknown when the configuration depends on an undecidable condition', () => {
    const props = `${zip}      CodeSigningConfigArn: !If [Signed, !Ref Csc, !Ref AWS::NoValue]\n`;
    const extra = 'Parameters:\n  Env: { Type: String }\nConditions:\n  Signed: !Equals [!Ref Env, prod]\n';
    const { failed, unknown } = scanTemplate(template(fn(props), extra), check);
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.property).toBe('CodeSigningConfigArn');
  });

  it('is unknown when PackageType comes from a parameter without default', () => {
    const { failed, unknown } = scanTemplate(
      template(fn(`${zip}      PackageType: !Ref Pkg\n`), 'Parameters:\n  Pkg: { Type: String }\n'),
      check,
    );
    expect(failed).toEqual([]);
    expect(unknown).toHaveLength(1);
  });

  it('reads a SAM function, and leaves a SAM image function alone', () => {
    const sam = (props: string) =>
      samTemplate(`  Fn:
    Type: AWS::Serverless::Function
    Properties:
${props}`);
    const zipFn = scanTemplate(
      sam('      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: s3://bucket/app.zip\n'),
      check,
    );
    expect(zipFn.failed).toHaveLength(1);
    expect(zipFn.failed[0]?.resource.id).toBe('Fn');
    const image = scanTemplate(
      sam('      PackageType: Image\n      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1\n'),
      check,
    );
    expect(image.findings).toEqual([]);
  });
});
