/**
 * The AWS partitions: every ARN names one (`arn:aws-cn:...`), and each account is scoped to one (AWS General
 * Reference, "Amazon Resource Names (ARNs)"; credentials of one partition cannot act on another's resources). The
 * General Reference lists the three commercial ones alone; the AWS SDKs' endpoint data (aws-sdk-js-v3,
 * packages/util-endpoints/src/lib/aws/partitions.json) lists every one a stack may be deployed to, the isolated
 * (ISO) Regions and the European Sovereign Cloud among them. The one list every reader of partitions reads.
 */
export const PARTITIONS = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
] as const;

/** The partitions other than `aws`, which `${AWS::Partition}` is read as where one text is needed. */
export const OTHER_PARTITIONS = PARTITIONS.filter((partition) => partition !== 'aws');

/** The partition an ARN pattern names (`aws-cn` for `arn:aws-cn:...`), `aws` when it names none of PARTITIONS. */
export function partitionOf(pattern: string): string {
  return PARTITIONS.find((partition) => pattern.startsWith(`arn:${partition}:`)) ?? 'aws';
}
