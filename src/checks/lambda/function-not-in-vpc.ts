import { defineCheck } from '../define.js';
import { placementOf } from './vpc.js';

export default defineCheck({
  id: 'lambda.function-not-in-vpc',
  title: 'Lambda function is not connected to a VPC',
  severity: 'low',
  resource: 'lambda.function',
  enabledByDefault: false,
  description:
    'The function has no VpcConfig (or an empty SubnetIds list), so it runs on Lambda-managed networking outside any VPC ' +
    'you control. Off by default: "function not in a VPC" is the finding users of other scanners suppress wholesale. Most ' +
    'functions call only AWS APIs, which IAM already guards; a VPC adds NAT or endpoint cost and ENI set-up, and by itself ' +
    'no security. Enable it where policy requires every function inside a VPC (network-level egress control, flow logs). ' +
    'Option `requireVpc` (default true): every function must be in a VPC. `requireVpc: false` is meant to fail only ' +
    'functions that the template wires to VPC-only resources (RDS, ElastiCache, EFS, Redshift, VPC OpenSearch); the ' +
    'model does not hold those yet, so in that mode a function outside a VPC is reported as unknown. Lambda@Edge ' +
    'functions cannot be connected to a VPC: suppress them.',
  risk:
    'Outside a VPC the function reaches the internet directly: its egress cannot be limited by security groups, network ' +
    'ACLs or a firewall, and its traffic does not appear in VPC flow logs. Private resources it needs must then be made ' +
    'reachable from the internet.',
  remediation: {
    text:
      'Connect the function to at least two private subnets (in different Availability Zones) and a security group with ' +
      'only the egress it needs; give it VPC endpoints or a NAT gateway for the AWS APIs it calls. The execution role ' +
      'needs AWSLambdaVPCAccessExecutionRole (SAM adds it).',
    cloudformation:
      'VpcConfig:\n  SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]\n  SecurityGroupIds: [!Ref FunctionSecurityGroup]\n',
    cli: 'aws lambda update-function-configuration --function-name <name> --vpc-config SubnetIds=<subnet-a>,<subnet-b>,SecurityGroupIds=<sg>',
    terraform:
      'resource "aws_lambda_function" "this" {\n  vpc_config {\n    subnet_ids         = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n    security_group_ids = [aws_security_group.fn.id]\n  }\n}\n',
  },
  // Security Hub's Lambda.3 ("Lambda functions should be in a VPC") belongs to its NIST and PCI standards, not to FSBP.
  compliance: {
    'nist-800-53-r5': ['AC-4', 'SC-7'],
    'pci-dss-4.0': ['1.3.1', '1.3.2'],
    soc2: ['CC6.6'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-3',
  ],
  evaluate(fn, ctx) {
    const placement = placementOf(fn);
    if (placement.state === 'vpc') return ctx.pass('The function is connected to a VPC.');
    if (placement.state === 'unknown') return ctx.unknown(placement.reason, { where: placement.where });
    const requireVpc = ctx.option<unknown>('requireVpc', true) !== false;
    if (!requireVpc) {
      return ctx.unknown(
        'The function is not in a VPC; whether it reaches VPC-only resources (RDS, ElastiCache, EFS, ...) cannot be told yet (requireVpc is false).',
      );
    }
    const how = placement.where ? 'Its VpcConfig lists no subnets' : 'It has no VpcConfig';
    return ctx.fail(
      `The function is not connected to a VPC. ${how}, so it runs on Lambda-managed networking.`,
      {
        ...(placement.where ? { where: placement.where } : {}),
      },
    );
  },
});
