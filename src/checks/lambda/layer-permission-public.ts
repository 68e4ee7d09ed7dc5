import { organizationIdDoubt, publicAccess } from '../../iam/exposure.js';
import { verdict } from '../../iam/hits.js';
import { describeValue } from '../../iam/templates.js';
import type { LayerVersionPermission } from '../../model/lambda.js';
import { isUnknown } from '../../model/values.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';
import { judgedPerCopy } from '../each-text.js';
import { exposureOptions, refusedPermission } from './resource-policy.js';

export default defineCheck({
  id: 'lambda.layer-permission-public',
  title: 'Lambda layer version is shared with every AWS account',
  severity: 'medium',
  resource: 'lambda.layer-permission',
  description:
    'Fails an `AWS::Lambda::LayerVersionPermission` with Principal `*` and no OrganizationId: every AWS account ' +
    'can then add the layer to its functions and download its content. With OrganizationId the grant is ' +
    'limited to the accounts of that organization and passes; a grant to named accounts passes too.',
  details:
    "An empty OrganizationId (`''`) names no organization: AddLayerVersionPermission takes an id such as " +
    '`o-a1b2c3d4e5`. The deploy may fail on it, or CloudFormation may drop the empty property and share the layer ' +
    'with every account; the template does not tell which, so with Principal `*` the result is unknown. So is ' +
    'other text that is no organization id (`my-org`), which the deploy may fail on, and a parameter no ' +
    "AllowedPattern, AllowedValues or MinLength keeps from `''`. A permission CloudFormation fails to create " +
    '(an Action other than `lambda:GetLayerVersion`, the one AddLayerVersionPermission takes, or a required ' +
    'property missing) shares the layer with no one: its scan error says so, and the check does not apply.',
  risk: 'Anyone can download the layer: its code, its dependencies and whatever was baked into it (configuration, keys, internal endpoints) leak, and attackers can study the code for flaws in the functions that use it.',
  remediation: {
    text: 'Share the layer with specific accounts, or with your organization by setting OrganizationId, instead of with `*`. Remove the permission if the layer is not meant to be shared.',
    cloudformation:
      'Type: AWS::Lambda::LayerVersionPermission\n' +
      'Properties:\n' +
      '  LayerVersionArn: !Ref SharedLayer\n' +
      '  Action: lambda:GetLayerVersion\n' +
      '  Principal: "*"\n' +
      '  OrganizationId: o-a1b2c3d4e5\n',
    cdk:
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      '\n' +
      "// every account of your organization, instead of { accountId: '*' } alone\n" +
      "sharedLayer.addPermission('OrgUsage', { accountId: '*', organizationId: 'o-a1b2c3d4e5' });\n",
    cli: 'aws lambda remove-layer-version-permission --layer-name <name> --version-number <n> --statement-id <sid>',
    terraform:
      'resource "aws_lambda_layer_version_permission" "org" {\n' +
      '  layer_name      = aws_lambda_layer_version.shared.layer_arn\n' +
      '  version_number  = aws_lambda_layer_version.shared.version\n' +
      '  statement_id    = "org"\n' +
      '  action          = "lambda:GetLayerVersion"\n' +
      '  principal       = "*"\n' +
      '  organization_id = "o-a1b2c3d4e5"\n' +
      '}\n',
  },
  compliance: {
    'nist-800-53-r5': ['AC-3', 'AC-6', 'AC-21'],
    soc2: ['CC6.1'],
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html'],
  evaluate(permission, ctx) {
    // A permission CloudFormation fails to create shares the layer with no one: its scan error says why.
    const refused = refusedPermission(permission);
    if (refused) return ctx.notApplicable(refused);
    // Copies of a nested template each given their own principal or organization: each judged (see judgeCopies).
    const fields = ['principal', 'organizationId'] as const;
    return judgedPerCopy(permission, fields, ctx, judgeSharing);
  },
});

function judgeSharing(permission: LayerVersionPermission, ctx: CheckContext): Outcome {
  const hits = publicAccess(permission, exposureOptions(ctx, permission));
  const answer = verdict(hits);
  const principal = describeValue(permission.principal);
  const orgDoubt = organizationIdDoubt('OrganizationId', permission.organizationId);
  if (answer === 'no') {
    const org = permission.organizationId;
    return ctx.pass(
      org === undefined || orgDoubt !== undefined
        ? `shared with ${principal} only`
        : `shared only with organization ${describeValue(org)}`,
    );
  }
  if (answer === 'unknown') {
    const why = orgDoubt ?? hits[0]?.reason ?? '';
    return ctx.unknown(`The layer may be shared with every AWS account: ${why}.`, {
      where: isUnknown(permission.principal) ? ['Principal'] : ['OrganizationId'],
    });
  }
  return ctx.fail(
    `The layer version is shared with every AWS account (Principal ${principal}, no OrganizationId): anyone can use and download it.`,
    { where: ['Principal'], evidence: { principal } },
  );
}
