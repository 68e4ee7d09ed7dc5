import { isUnknown, type Unknown, unknown } from '../../model/values.js';

/**
 * A value a parent reads from a nested stack's output (`!GetAtt FnAResources.Outputs.RoleArn`) whose template is
 * nested more than once (two stack resources naming one template, by one parent or two), as the copy this nesting
 * deploys holds it. Each nesting deploys a stack of its own, with resources of its own: the role `FnAResources`
 * makes is not the one `FnBResources` makes, though both are the one resource of the scanned template. A resource
 * of that template (`stack`) is marked with the copy (`copy`: `FnAResources in template.yaml`, see
 * StackResource.copy); a value the copy got from elsewhere (its parent's role, passed down and back) is that value,
 * whichever copy passes it on. Each `AWS::CloudFormation::Stack` (and SAM's `AWS::Serverless::Application`, which
 * becomes one) creates a nested stack from its template: the same template referenced twice is two stacks
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html).
 */
export function ofCopy(
  value: string | Unknown | undefined,
  stack: string,
  copy: string,
): string | Unknown | undefined {
  const from = isUnknown(value) ? value.stackResource : undefined;
  if (from === undefined || from.stack !== stack) return value;
  const read = value as Unknown;
  return unknown(read.reason, read.template, { ...read, stackResource: { ...from, copy } });
}
