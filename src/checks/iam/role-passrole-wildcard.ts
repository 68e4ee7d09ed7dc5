import { LEAST_PRIVILEGE } from '../../compliance/least-privilege.js';
import { type PolicyInput, passRoleGrants } from '../../iam/index.js';
import { defineCheck } from '../define.js';
import { BOUNDARY_DETAILS, withinBoundary } from './permissions-boundary.js';
import { deployedHits } from './policy-copies.js';
import {
  AWS_MANAGED_DETAILS,
  conditionNote,
  customerPolicies,
  groupHits,
  leftToAdminCheck,
  reasonsOf,
  statementChecksSkip,
  unknownMessage,
} from './policy-hits.js';

export default defineCheck({
  id: 'iam.role-passrole-wildcard',
  title: 'Lambda execution role can pass any role (iam:PassRole on *)',
  severity: 'high',
  resource: 'iam.role',
  description:
    'Looks for Allow statements in the policies of a Lambda execution role that grant `iam:PassRole` on ' +
    'every role: `Resource: "*"`, every role of an account (`arn:aws:iam::123456789012:role/*`), or through ' +
    '`iam:*`, `iam:Pass*` or `*`.',
  details:
    'An explicit Deny of iam:PassRole in the same policies cancels it. An ' +
    '`iam:PassedToService` condition does not: passing an administrator role to a new Lambda function is ' +
    'the escalation itself. ' +
    AWS_MANAGED_DETAILS +
    '(IAMFullAccess and AdministratorAccess grant this too.) A customer managed policy that is not in the ' +
    'template gives `unknown`. ' +
    'A managed policy ARN not known before deploy (a parameter without default, an `!If` whose condition ' +
    'cannot be decided) is left to iam.role-admin-managed-policy, which reports it once as `unknown`. ' +
    'A pass names the AWS managed policies it leaves to iam.role-admin-managed-policy (`PowerUserAccess is left to iam.role-admin-managed-policy`). ' +
    "Statement conditions are not evaluated, but a failing finding names those it does not weigh (`with conditions it does not weigh: StringEquals aws:SourceVpce`); a statement limited to requests AWS services make on the role's behalf (`Bool: {aws:ViaAWSService: true}`, forward access sessions, as AWS writes it for AD Connector) is not a grant to the function's own calls and is reported at low severity. " +
    BOUNDARY_DETAILS +
    'One finding per statement.',
  risk: 'Privilege escalation: code running as this role can hand any role of the account, an administrator one included, to a new Lambda function, EC2 instance, Glue job or ECS task it creates, and then act with that role. A flaw in the function becomes a takeover of the account.',
  remediation: {
    text: 'Grant iam:PassRole only on the ARNs of the roles the function really passes, and add an iam:PassedToService condition naming the service that receives them. Most functions pass no role at all: remove the statement.',
    cloudformation:
      '- Effect: Allow\n' +
      '  Action: iam:PassRole\n' +
      '  Resource: !GetAtt WorkerTaskRole.Arn        # not "*"\n' +
      '  Condition:\n' +
      '    StringEquals: { iam:PassedToService: ecs-tasks.amazonaws.com }\n',
    cdk:
      "import * as iam from 'aws-cdk-lib/aws-iam';\n" +
      '\n' +
      'fn.addToRolePolicy(new iam.PolicyStatement({\n' +
      "  actions: ['iam:PassRole'],\n" +
      "  resources: [workerTaskRole.roleArn], // not '*'\n" +
      "  conditions: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },\n" +
      '}));\n',
    cli: 'aws iam put-role-policy --role-name <role> --policy-name pass-worker-role --policy-document file://passrole-scoped.json',
    terraform:
      'data "aws_iam_policy_document" "fn" {\n' +
      '  statement {\n' +
      '    actions   = ["iam:PassRole"]\n' +
      '    resources = [aws_iam_role.worker_task.arn]\n' +
      '    condition {\n' +
      '      test     = "StringEquals"\n' +
      '      variable = "iam:PassedToService"\n' +
      '      values   = ["ecs-tasks.amazonaws.com"]\n' +
      '    }\n' +
      '  }\n' +
      '}\n',
  },
  compliance: {
    ...LEAST_PRIVILEGE,
    'nist-800-53-r5': ['AC-3', 'AC-6', 'AC-6(10)'],
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService',
  ],
  evaluate(role, ctx) {
    const skip = statementChecksSkip(ctx.inventory, role);
    if (skip !== undefined) return ctx.notApplicable(skip);
    // Copies of a nested template each given their own action or resource: each read (see deployedHits).
    const grants = (input: PolicyInput) => passRoleGrants(input, { inventory: ctx.inventory });
    const deployed = deployedHits(ctx.inventory, customerPolicies(ctx.inventory, role), role, grants);
    const { copy = '' } = deployed;
    // Every hit of the boundary's is iam:PassRole on every role: any one lets the role's through.
    const bounded = withinBoundary(ctx.inventory, role, deployed.hits, grants, () => true);
    const hits = bounded.hits;
    if (hits.length === 0)
      return ctx.pass(
        `no statement allows iam:PassRole on every role${bounded.limitedWords}${leftToAdminCheck(ctx.inventory, role)}`,
      );
    return groupHits(hits, role).map((group) => {
      const where = group.source ? { where: group.source } : {};
      const boundary = bounded.words(group.hits);
      if (group.answer === 'unknown') {
        return ctx.unknown(unknownMessage(group, 'allows iam:PassRole on every role', boundary), {
          key: group.key,
          ...where,
        });
      }
      const note = conditionNote(group);
      const consequence = note.viaServiceOnly
        ? ''
        : ', so the function can hand any role to a new function or instance';
      return ctx.fail(`${group.label}: ${reasonsOf(group)}${note.words}${copy}${consequence}${boundary}.`, {
        key: group.key,
        ...where,
        ...(note.viaServiceOnly ? { severity: 'low' as const } : {}),
      });
    });
  },
});
