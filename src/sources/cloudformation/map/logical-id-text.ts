/**
 * A property that takes an id or ARN of a fixed form (a subnet id `subnet-…`, a role ARN `arn:…:iam::…:role/…`),
 * which no logical id of a template can be. Text written there that is exactly the logical id of a resource of the
 * type it names (`SubnetIds: [PrivateSubnetA]`, meant as `!Ref PrivateSubnetA`) is passed by CloudFormation as
 * written: the service refuses it (the subnet "PrivateSubnetA" does not exist) and the stack fails to deploy. It is
 * not that resource: see MapContext.idReference.
 *
 * Only properties of a fixed form are listed: where a property takes a name (a role's name, a log group's name),
 * text equal to a logical id may be a name chosen so.
 */
export interface FixedForm {
  /** The types whose logical id, written as text, is the mistake: `AWS::EC2::Subnet`. */
  readonly types: readonly string[];
  /** What the property takes, in words: `a subnet id`. */
  readonly takes: string;
  /** The service that refuses the text at deploy: `Lambda`. */
  readonly service: string;
  /** What gives the id the property takes: `Ref` of the resource, or its `Arn` attribute. */
  readonly write: 'Ref' | 'Arn';
}

/** Lambda's VpcConfig.SubnetIds: subnet ids (`subnet-071f712345678e7c8`, CloudFormation User Guide, VpcConfig). */
export const LAMBDA_SUBNET_ID: FixedForm = {
  types: ['AWS::EC2::Subnet'],
  takes: 'a subnet id',
  service: 'Lambda',
  write: 'Ref',
};

/** Lambda's VpcConfig.SecurityGroupIds: security group ids (`sg-085912345678492fb`). */
export const LAMBDA_SECURITY_GROUP_ID: FixedForm = {
  types: ['AWS::EC2::SecurityGroup'],
  takes: 'a security group id',
  service: 'Lambda',
  write: 'Ref',
};

/** What a property of `form` holding the text of logical id `id` (of type `type`) is, for a template error. */
export function logicalIdTextProblem(form: FixedForm, id: string, type: string): string {
  const fix = form.write === 'Ref' ? `!Ref ${id}` : `!GetAtt ${id}.Arn`;
  return (
    `is the text ${id}, the logical id of an ${type} of this template, not ${form.takes}: ` +
    `${form.service} refuses it and the stack fails to deploy; write ${fix}`
  );
}
