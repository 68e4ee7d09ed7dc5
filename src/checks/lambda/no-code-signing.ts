import { certainlyNonEmpty, isUnknown } from '../../model/values.js';
import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'lambda.no-code-signing',
  title: 'Lambda function does not require signed code',
  severity: 'low',
  resource: 'lambda.function',
  description:
    'A code signing configuration (`CodeSigningConfigArn`) makes Lambda check, at every code deployment, that the ' +
    '.zip package was signed by an allowed AWS Signer profile and not changed since. Container-image functions ' +
    'are not evaluated: Lambda code signing does not apply to them (sign images in the registry instead).',
  risk: "Anyone who can update the function code, or tamper with the package between build and deploy, can run code of their choosing with the function's role; nothing checks where the code came from.",
  remediation: {
    text: 'Create a signing profile in AWS Signer, a Lambda code signing configuration that allows it (with the policy set to Enforce), and attach it to the function (Lambda console → the function → Configuration → Code signing → Edit). Sign packages in the pipeline (sam package --signing-profiles, or aws signer start-signing-job).',
    cloudformation: 'CodeSigningConfigArn: !Ref SigningConfig   # same property name in SAM\n',
    cdk:
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      "import * as signer from 'aws-cdk-lib/aws-signer';\n" +
      '\n' +
      "const signingProfile = new signer.SigningProfile(this, 'SigningProfile', {\n" +
      '  platform: signer.Platform.AWS_LAMBDA_SHA384_ECDSA,\n' +
      '});\n' +
      "const codeSigningConfig = new lambda.CodeSigningConfig(this, 'CodeSigningConfig', {\n" +
      '  signingProfiles: [signingProfile],\n' +
      '  untrustedArtifactOnDeployment: lambda.UntrustedArtifactOnDeployment.ENFORCE,\n' +
      '});\n' +
      "const fn = new lambda.Function(this, 'Fn', { /* ...runtime, handler, code */ codeSigningConfig });\n",
    cli: 'aws lambda put-function-code-signing-config --function-name <name> --code-signing-config-arn <code-signing-config-arn>',
    terraform:
      'resource "aws_lambda_function" "this" {\n  code_signing_config_arn = aws_lambda_code_signing_config.this.arn\n}\n',
  },
  compliance: {
    'nist-800-53-r5': ['CM-14', 'SI-7'],
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html'],
  evaluate(fn, ctx) {
    const config = fn.codeSigningConfig;
    // An ARN with text of its own (`arn:${AWS::Partition}:lambda:...`) is set, whatever its unknown parts.
    if (config !== undefined && certainlyNonEmpty(config))
      return ctx.pass(`code signing configuration ${config}`, { where: ['CodeSigningConfigArn'] });
    if (isUnknown(fn.packageType))
      return ctx.unknown(`PackageType is not known before deploy (${fn.packageType.reason})`, {
        where: ['PackageType'],
      });
    if (fn.packageType === 'Image')
      return ctx.notApplicable('container images are not signed through Lambda code signing');
    if (isUnknown(config)) {
      return ctx.unknown(`CodeSigningConfigArn is not known before deploy (${config.reason})`, {
        where: ['CodeSigningConfigArn'],
      });
    }
    return ctx.fail('The function has no code signing configuration: Lambda accepts unsigned code.', {
      lacks: 'CodeSigningConfigArn',
    });
  },
});
