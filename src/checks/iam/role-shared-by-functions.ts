import type { Reference } from '../../model/lambda.js';
import { deployedByDefault } from '../../model/resource.js';
import { isUnknown } from '../../model/values.js';
import { type CheckContext, defineCheck, type Outcome } from '../define.js';
import {
  functionName,
  otherStackFunctionName,
  type RoleUse,
  roleUse,
  runsFunctions,
  trustsLambda,
  userNames,
} from './execution-role.js';
import { copiesRunning, judgeEachCopy } from './role-copies.js';

export default defineCheck({
  id: 'iam.role-shared-by-functions',
  title: 'One execution role is shared by several Lambda functions',
  severity: 'medium',
  resource: 'iam.role',
  description:
    'Reports a role of the template that more than one function runs as (by `!GetAtt Role.Arn`, `!Ref`, or ' +
    'an ARN naming the role), counting the functions of other stacks scanned with it that run as it (a nested ' +
    'stack given its ARN, a stack importing its export), each named with its stack. Every function then holds ' +
    'the permissions all of them need. SAM gives each function without a `Role` a role of its own, so this ' +
    'mostly concerns explicit roles.',
  details:
    'A function whose role is not known before deploy (a parameter, a condition) and may be this role makes ' +
    'the result `unknown`, as does a function of another scanned stack whose `Role` imports an export that more ' +
    'than one scanned stack makes (this role among them). So does sharing with a function that the ' +
    'parameters\u2019 defaults leave out of the deploy (its `Condition` is false with them). A role that is not ' +
    'in the template, named the same way by several functions (the same role ARN, the same `!Sub` of one, the ' +
    'same parameter), is shared as certainly and is reported at the `Role` of the first function in the file ' +
    'that names it, where its inline suppressions apply; the same role name in another account\u2019s ARN is ' +
    'another role. A role given by an import is not compared. The template\u2019s own role given to a nested stack ' +
    'that outputs it back (`Value: !Ref RoleParam`) is that role where the template reads the output (`!GetAtt ' +
    'CopyA.Outputs.RoleArn`), whichever stack passes it back. A role of a template nested more than once is one ' +
    'role per copy (each nested stack makes its own): where functions of the parent run as a copy\u2019s (' +
    '`!GetAtt FnAResources.Outputs.RoleArn`), each copy is judged by the functions of the template and those that ' +
    'run as that copy\u2019s role, and the result names the copy.',
  risk: 'A flaw in any one of the functions gives an attacker the permissions of all of them: the image resizer that shares a role with the payments function can read the payments table. Shared roles also grow with every new function and are never trimmed, because no one knows which function needs what.',
  remediation: {
    text: 'Give each function its own execution role with the permissions that function needs. In SAM, drop the shared `Role` and list each function `Policies` (policy templates such as DynamoDBReadPolicy); SAM then creates one role per function. The Serverless Framework gives every function of a service one role (`IamRoleLambdaExecution`): set a `role` per function in serverless.yml, or use the serverless-iam-roles-per-function plugin; the template it generates is not the place to fix it.',
    cloudformation:
      'ResizeFunction:\n' +
      '  Type: AWS::Serverless::Function\n' +
      '  Properties:\n' +
      '    # no Role: SAM creates ResizeFunctionRole for this function only\n' +
      '    Policies:\n' +
      '      - S3CrudPolicy:\n' +
      '          BucketName: !Ref ImagesBucket\n',
    cdk:
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      '\n' +
      '// no role: prop, so CDK creates one role for each function\n' +
      "const resize = new lambda.Function(this, 'Resize', { runtime, code, handler: 'resize.handler' });\n" +
      "const thumbnail = new lambda.Function(this, 'Thumbnail', { runtime, code, handler: 'thumb.handler' });\n" +
      "imagesBucket.grantReadWrite(resize); // each role gets only its own function's grants\n" +
      'imagesBucket.grantRead(thumbnail);\n',
    cli: 'aws lambda update-function-configuration --function-name <name> --role <arn-of-a-role-for-this-function>',
    terraform:
      'resource "aws_iam_role" "resize" {\n' +
      '  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json\n' +
      '}\n' +
      'resource "aws_lambda_function" "resize" {\n' +
      '  role = aws_iam_role.resize.arn   # one role per function\n' +
      '}\n',
  },
  compliance: {
    'nist-800-53-r5': ['AC-5', 'AC-6'],
    'pci-dss-4.0': ['7.2.1', '7.2.5'],
    soc2: ['CC6.3'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
    'https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/identity-and-access-management.html',
  ],
  evaluate(role, ctx) {
    const use = roleUse(ctx.inventory, role);
    if (!runsFunctions(use) && use.possibleInOtherStacks.length === 0 && !trustsLambda(role))
      return ctx.notApplicable('not a Lambda execution role');
    const copies = copiesRunning(use);
    // A template nested more than once deploys a role per copy: each is shared by the functions that run with it.
    return copies.length === 0
      ? judgeUse(use, ctx)
      : judgeEachCopy(use, copies, (one) => judgeUse(one, ctx), ctx);
  },
});

/** Whether the functions that run as the role (of one copy of its template, see useInCopy) are more than one. */
function judgeUse(use: RoleUse, ctx: CheckContext): Outcome {
  const { functions, possible, otherStacks, possibleInOtherStacks } = use;
  const names = userNames(use);
  const users = [
    ...functions.map((fn) => ({ fn, name: functionName(fn) })),
    ...otherStacks.map((other) => ({ fn: other.fn, name: otherStackFunctionName(other) })),
  ];
  // A function the parameters' defaults leave out of the deploy shares the role only in another deploy.
  const deployed = users.filter(({ fn }) => deployedByDefault(fn));
  if (users.length > 1 && deployed.length <= 1) {
    const absent = users.filter(({ fn }) => fn.absentByDefault !== undefined).map(({ name }) => name);
    return ctx.unknown(
      `The role is the execution role of ${users.length} functions: ${names.join(', ')}; but ${absent.join(', ')} ${absent.length === 1 ? 'is' : 'are'} deployed only when a condition holds that the parameters' defaults make false.`,
    );
  }
  if (users.length > 1) {
    return ctx.fail(`The role is the execution role of ${users.length} functions: ${names.join(', ')}.`, {
      evidence: { functions: names.join(', ') },
    });
  }
  const maybe = [
    ...possible.map((fn) => `${functionName(fn)} (${describeRole(fn.role)})`),
    ...possibleInOtherStacks.map(
      ({ fn, stack }) => `${functionName(fn)} (stack ${stack}: ${describeRole(fn.role)})`,
    ),
  ];
  if (users.length + maybe.length > 1) {
    const used = names.length > 0 ? `The role is the execution role of ${names[0]}; the` : 'The';
    return ctx.unknown(`${used} role of ${maybe.join(', ')} is not known before deploy and may be this one.`);
  }
  return ctx.pass(names.length > 0 ? `used by ${names[0]} only` : 'used by no function of the template');
}

function describeRole(role: Reference): string {
  return isUnknown(role) ? role.reason : role;
}
