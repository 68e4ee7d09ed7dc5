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

/**
 * Each partition's DNS suffix, `outputs.dnsSuffix` of the same endpoint data: what its service endpoints, and the
 * service principals its policies name, end in (`lambda.amazonaws.com`, `lambda.amazonaws.com.cn` in China,
 * `s3.c2s.ic.gov` in aws-iso, `s3.sc2s.sgov.gov` in aws-iso-b). GovCloud shares the commercial suffix.
 */
const DNS_SUFFIXES: Readonly<Record<(typeof PARTITIONS)[number], string>> = {
  aws: 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
  'aws-us-gov': 'amazonaws.com',
  'aws-iso': 'c2s.ic.gov',
  'aws-iso-b': 'sc2s.sgov.gov',
  'aws-iso-e': 'cloud.adc-e.uk',
  'aws-iso-f': 'csp.hci.ic.gov',
  'aws-eusc': 'amazonaws.eu',
};

/** Every partition's DNS suffix, once each, the commercial one (`amazonaws.com`) first. */
const SERVICE_SUFFIXES: readonly string[] = [...new Set(PARTITIONS.map((p) => DNS_SUFFIXES[p]))];

/**
 * The suffixes as a regular-expression alternation (`amazonaws\.com|amazonaws\.com\.cn|c2s\.ic\.gov|...`), for a
 * pattern of a service principal in any partition.
 */
export const SERVICE_SUFFIX_SOURCE = SERVICE_SUFFIXES.map((suffix) => suffix.replaceAll('.', '\\.')).join(
  '|',
);

const OTHER_SUFFIX = new RegExp(`\\.(?:${SERVICE_SUFFIX_SOURCE})$`);

/**
 * A service principal as the commercial partition spells it: `lambda.amazonaws.com` for `lambda.amazonaws.com.cn`
 * and `lambda.c2s.ic.gov`, each partition's spelling of the same service; any other text as it is.
 */
export function commercialSpelling(principal: string): string {
  return principal.replace(OTHER_SUFFIX, '.amazonaws.com');
}

/** The partitions other than `aws`, which `${AWS::Partition}` is read as where one text is needed. */
export const OTHER_PARTITIONS = PARTITIONS.filter((partition) => partition !== 'aws');

/** The partition an ARN pattern names (`aws-cn` for `arn:aws-cn:...`), `aws` when it names none of PARTITIONS. */
export function partitionOf(pattern: string): string {
  return PARTITIONS.find((partition) => pattern.startsWith(`arn:${partition}:`)) ?? 'aws';
}
