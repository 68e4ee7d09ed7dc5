import type { CodeSigningConfig } from '../../model/lambda.js';
import { certainlyNonEmpty, isUnknown } from '../../model/values.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';
import { copiesWords, judgeTexts, possibleTexts } from '../each-text.js';

export default defineCheck({
  id: 'lambda.code-signing-warn-only',
  title: 'Lambda code signing only warns about untrusted code',
  severity: 'medium',
  resource: 'lambda.function',
  description:
    'A code signing configuration whose `CodeSigningPolicies.UntrustedArtifactOnDeployment` is `Warn` (the ' +
    'default when the policy is not set) lets Lambda deploy code that fails the signature check and only ' +
    'records a CloudWatch metric and a CloudTrail entry. `Enforce` blocks the deployment. The check evaluates each ' +
    'function that names a code signing configuration; a configuration declared outside the template is unknown.',
  risk: "Unsigned or tampered code is deployed and runs with the function's role; the signing set-up gives a sense of protection it does not provide.",
  remediation: {
    text: 'Edit the code signing configuration (Lambda console → Code signing configurations → the configuration → Edit) and set "Signature validation policy" to Enforce.',
    cloudformation:
      'SigningConfig:\n' +
      '  Type: AWS::Lambda::CodeSigningConfig\n' +
      '  Properties:\n' +
      '    AllowedPublishers:\n' +
      '      SigningProfileVersionArns: [!GetAtt SigningProfile.ProfileVersionArn]\n' +
      '    CodeSigningPolicies:\n' +
      '      UntrustedArtifactOnDeployment: Enforce\n',
    cdk:
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      '\n' +
      "const codeSigningConfig = new lambda.CodeSigningConfig(this, 'CodeSigningConfig', {\n" +
      '  signingProfiles: [signingProfile],\n' +
      '  // left out, CDK uses WARN, which deploys unsigned or altered code\n' +
      '  untrustedArtifactOnDeployment: lambda.UntrustedArtifactOnDeployment.ENFORCE,\n' +
      '});\n',
    cli: 'aws lambda update-code-signing-config --code-signing-config-arn <arn> --code-signing-policies UntrustedArtifactOnDeployment=Enforce',
    terraform:
      'resource "aws_lambda_code_signing_config" "this" {\n' +
      '  policies {\n' +
      '    untrusted_artifact_on_deployment = "Enforce"\n' +
      '  }\n' +
      '}\n',
  },
  compliance: {
    'nist-800-53-r5': ['CM-14', 'SI-7'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-codesigningconfig-codesigningpolicies.html',
  ],
  evaluate(fn, ctx) {
    const ref = fn.codeSigningConfig;
    if (ref === undefined || ref === '')
      return ctx.notApplicable('the function has no code signing configuration');
    // Set, but to a configuration named outside the template (`arn:${AWS::Partition}:lambda:...`): not seen.
    if (isUnknown(ref) && certainlyNonEmpty(ref) && ref.resources === undefined)
      return ctx.unknown(
        `The code signing configuration ${ref} is not in this template; its policy cannot be seen.`,
        { where: ['CodeSigningConfigArn'] },
      );
    if (isUnknown(ref))
      return ctx.unknown(`CodeSigningConfigArn is not known before deploy (${ref.reason})`, {
        where: ['CodeSigningConfigArn'],
      });
    const config = ctx.inventory.resolve(ref, 'lambda.code-signing-config');
    if (!config) {
      return ctx.unknown(
        `The code signing configuration ${ref} is not in this template; its policy cannot be seen.`,
        { where: ['CodeSigningConfigArn'] },
      );
    }
    const policy = config.untrustedArtifactOnDeployment;
    const copies = judgeCopiesOf(config, ctx);
    if (copies) return copies;
    if (isUnknown(policy)) {
      return ctx.unknown(
        `UntrustedArtifactOnDeployment of ${config.id} is not known before deploy (${policy.reason})`,
        { where: config.source },
      );
    }
    if (policy === 'Enforce') return ctx.pass(`code signing configuration ${config.id} enforces signatures`);
    // Point at the configuration: that is where the fix goes.
    const leftOut =
      config.policyLeftOut === undefined ? '' : ` (the default: ${config.policyLeftOut} is not set)`;
    return ctx.fail(
      `The code signing configuration ${config.id} has UntrustedArtifactOnDeployment ${policy}${leftOut}: code that fails the signature check is still deployed.`,
      {
        where: config.source,
        evidence: { codeSigningConfig: config.id, untrustedArtifactOnDeployment: policy },
      },
    );
  },
});

/**
 * A configuration whose UntrustedArtifactOnDeployment a parameter gives, another text per nesting of its template,
 * each deployed by its own copy (see possibleTexts): fails when one copy only warns, passes when each enforces.
 */
function judgeCopiesOf(config: CodeSigningConfig, ctx: CheckContext): Outcome | undefined {
  const policy = config.untrustedArtifactOnDeployment;
  const possible = possibleTexts(policy, config);
  if (!possible?.each || !isUnknown(policy)) return undefined;
  const { status, failing } = judgeTexts(
    possible,
    (text) => text === 'Enforce',
    (ok) => (ok ? 'pass' : 'fail'),
  );
  const which = `UntrustedArtifactOnDeployment of ${config.id} is one of ${possible.texts.join(', ')} (${policy.reason})${copiesWords(possible)}`;
  if (status === 'pass') return ctx.pass(`${which}: each enforces signatures`);
  const given = failing.map(({ text }) => text).join(', ');
  return ctx.fail(`${which}; where it is ${given}, code that fails the signature check is still deployed.`, {
    where: config.source,
    evidence: { codeSigningConfig: config.id, untrustedArtifactOnDeployment: given },
  });
}
