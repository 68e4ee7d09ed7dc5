import { template } from '../../helpers/scan-template.js';
import { lambdaFunction, samFunction, samTemplate } from '../../helpers/templates.js';

/** A trust policy letting these service principals assume the role, as YAML lines under `AssumeRolePolicyDocument:`. */
export const LAMBDA_TRUST = `      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
`;

/** `  <Id>: AWS::Lambda::Function` running as `role` (a YAML value: `!GetAtt AppRole.Arn`, an ARN). */
export function fn(id: string, role: string): string {
  return lambdaFunction(id, '', role);
}

/** An `AWS::IAM::Role` with `body` (YAML lines at 6 spaces) after its properties line; Lambda trust by default. */
export function role(id: string, body = '', trust = LAMBDA_TRUST): string {
  return `  ${id}:
    Type: AWS::IAM::Role
    Properties:
${trust}${body}`;
}

/** One inline policy `app` with these statements (YAML lines at 14 spaces, each starting with `- `). */
export function inline(statements: string): string {
  return `      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
${statements}`;
}

/** One Allow statement of `inline`: `Action` and `Resource` as YAML values (`iam:PassRole`, `'*'`, `!Ref Roles`). */
export function allow(action: string, resource: string): string {
  return `              - Effect: Allow
                Action: ${action}
                Resource: ${resource}
`;
}

/** `AWS::IAM::ManagedPolicy` Boundary allowing `action` (a YAML value) on every resource: a permissions boundary. */
export function boundaryPolicy(action: string): string {
  return `  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: ${action}, Resource: '*' }
`;
}

/** A CloudFormation template of a role AppRole carrying `body` and a function Fn running as it. */
export function appRole(body: string, extra = ''): string {
  return template(role('AppRole', body) + fn('Fn', '!GetAtt AppRole.Arn'), extra);
}

/** A role whose one statement allows `action` on `*` under `condition` (YAML lines at 18 spaces, or none). */
export function conditioned(action: string, condition?: string, extra = ''): string {
  const lines = condition === undefined ? '' : `                Condition:\n${condition}`;
  return appRole(
    inline(`              - Effect: Allow
                Action: ${action}
                Resource: '*'
${lines}`),
    extra,
  );
}

/** A SAM template (the transform, then these resources). */
export function sam(resources: string, extra = ''): string {
  return samTemplate(resources, extra);
}

/** A SAM function with `body` (YAML lines at 6 spaces) after its common properties. */
export function samFn(id: string, body = ''): string {
  return samFunction(id, body, 'src/');
}
