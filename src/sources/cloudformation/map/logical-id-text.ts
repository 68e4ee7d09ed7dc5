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
  /**
   * The types whose logical id, written as text, is the mistake, each with what gives the id or ARN the property
   * takes: `Ref` of the resource, or the name of its attribute (`Arn`).
   */
  readonly types: Readonly<Record<string, string>>;
  /** What the property takes, in words: `a subnet id`. */
  readonly takes: string;
  /** The service that refuses the text at deploy: `Lambda`. */
  readonly service: string;
}

/** Lambda's VpcConfig.SubnetIds: subnet ids (`subnet-071f712345678e7c8`, CloudFormation User Guide, VpcConfig). */
export const LAMBDA_SUBNET_ID: FixedForm = {
  types: { 'AWS::EC2::Subnet': 'Ref' },
  takes: 'a subnet id',
  service: 'Lambda',
};

/** Lambda's VpcConfig.SecurityGroupIds: security group ids (`sg-085912345678492fb`). */
export const LAMBDA_SECURITY_GROUP_ID: FixedForm = {
  types: { 'AWS::EC2::SecurityGroup': 'Ref' },
  takes: 'a security group id',
  service: 'Lambda',
};

/** A function's Role: the ARN of its execution role (Lambda API, CreateFunction: `arn:…:iam::<account>:role/…`). */
export const LAMBDA_ROLE_ARN: FixedForm = {
  types: { 'AWS::IAM::Role': 'Arn' },
  takes: 'a role ARN',
  service: 'Lambda',
};

/**
 * A function's Layers: layer version ARNs (`arn:…:lambda:<region>:<account>:layer:<name>:<version>`), which Ref of a
 * layer version gives. A SAM layer is renamed by SAM, but text is not: its written id is the mistake too.
 */
export const LAMBDA_LAYER_ARN: FixedForm = {
  types: { 'AWS::Lambda::LayerVersion': 'Ref', 'AWS::Serverless::LayerVersion': 'Ref' },
  takes: 'a layer version ARN',
  service: 'Lambda',
};

/** A function's KmsKeyArn: a key ARN (Ref of a key gives its id, its Arn attribute the ARN). */
export const LAMBDA_KMS_KEY_ARN: FixedForm = {
  types: { 'AWS::KMS::Key': 'Arn' },
  takes: 'a KMS key ARN',
  service: 'Lambda',
};

/** A function's DeadLetterConfig.TargetArn: the ARN of a queue (its Arn attribute) or a topic (its Ref). */
export const LAMBDA_DEAD_LETTER_ARN: FixedForm = {
  types: { 'AWS::SQS::Queue': 'Arn', 'AWS::SNS::Topic': 'Ref' },
  takes: 'a queue or topic ARN',
  service: 'Lambda',
};

/**
 * A function's CodeSigningConfigArn: a code signing config's ARN (`arn:…:lambda:…:code-signing-config:csc-…`, Lambda
 * API, GetCodeSigningConfig), its CodeSigningConfigArn attribute.
 */
export const LAMBDA_CODE_SIGNING_CONFIG_ARN: FixedForm = {
  types: { 'AWS::Lambda::CodeSigningConfig': 'CodeSigningConfigArn' },
  takes: 'a code signing config ARN',
  service: 'Lambda',
};

/**
 * A function's FileSystemConfigs[].Arn: "the ARN of the Amazon EFS access point that provides access to the file
 * system" (Lambda API, FileSystemConfig), the access point's Arn attribute (its Ref gives its id).
 */
export const LAMBDA_FILE_SYSTEM_ARN: FixedForm = {
  types: { 'AWS::EFS::AccessPoint': 'Arn' },
  takes: 'an EFS access point ARN',
  service: 'Lambda',
};

/**
 * EC2's ids, where a VPC resource names another (AWS::EC2::SubnetRouteTableAssociation's SubnetId and RouteTableId,
 * AWS::EC2::Route's RouteTableId, a subnet's VpcId: "The ID of the ..." in the CloudFormation Template Reference): the
 * id `Ref` of that resource gives (`subnet-…`, `rtb-…`, `vpc-…`).
 */
export const EC2_SUBNET_ID: FixedForm = {
  types: { 'AWS::EC2::Subnet': 'Ref' },
  takes: 'a subnet id',
  service: 'EC2',
};

export const EC2_ROUTE_TABLE_ID: FixedForm = {
  types: { 'AWS::EC2::RouteTable': 'Ref' },
  takes: 'a route table id',
  service: 'EC2',
};

export const EC2_VPC_ID: FixedForm = {
  types: { 'AWS::EC2::VPC': 'Ref' },
  takes: 'a VPC id',
  service: 'EC2',
};

/** A standalone egress rule's GroupId and DestinationSecurityGroupId: security group ids (`sg-…`). */
export const EC2_SECURITY_GROUP_ID: FixedForm = {
  types: { 'AWS::EC2::SecurityGroup': 'Ref' },
  takes: 'a security group id',
  service: 'EC2',
};

/** A route's GatewayId: "the ID of an internet gateway or virtual private gateway attached to your VPC". */
export const EC2_GATEWAY_ID: FixedForm = {
  types: { 'AWS::EC2::InternetGateway': 'Ref', 'AWS::EC2::VPNGateway': 'Ref' },
  takes: 'an internet gateway or virtual private gateway id',
  service: 'EC2',
};

/** A route's NatGatewayId (`nat-…`). */
export const EC2_NAT_GATEWAY_ID: FixedForm = {
  types: { 'AWS::EC2::NatGateway': 'Ref' },
  takes: 'a NAT gateway id',
  service: 'EC2',
};

/**
 * What gives a property of `form` that holds the text of logical id `id` (of type `type`) the value it takes:
 * `!Ref Subnet`, `!GetAtt Role.Arn`; undefined where `type` is none of the form's.
 */
export function intendedValue(form: FixedForm, id: string, type: string): string | undefined {
  const write = Object.hasOwn(form.types, type) ? form.types[type] : undefined;
  if (write === undefined) return undefined;
  return write === 'Ref' ? `!Ref ${id}` : `!GetAtt ${id}.${write}`;
}

/** What a property of `form` holding the text of logical id `id` (of type `type`) is, for a template error. */
export function logicalIdTextProblem(form: FixedForm, id: string, type: string, fix: string): string {
  return (
    `is the text ${id}, the logical id of an ${type} of this template, not ${form.takes}: ` +
    `${form.service} refuses it and the stack fails to deploy; write ${fix}`
  );
}
