/**
 * The environment variable keys Lambda reserves: its runtimes set them, and they "cannot be set in your function
 * configuration" (Lambda developer guide, "Defined runtime environment variables", its "Reserved environment
 * variables" list; cfn-lint's E3663 has the same but for the last three, added to the guide with Lambda Managed
 * Instances and the metadata endpoint). Lambda rejects a function that sets one ("...contains reserved keys that are
 * currently not supported for modification. Reserved keys used in this request: AWS_REGION"). Only these: other
 * AWS_LAMBDA_ names are the function's to set (AWS_LAMBDA_EXEC_WRAPPER, AWS_LAMBDA_DOTNET_PREJIT), and TZ, reserved
 * in older editions of the guide, is now in its list of "Unreserved environment variables".
 */
const RESERVED_KEYS: ReadonlySet<string> = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
  'AWS_LAMBDA_MAX_CONCURRENCY',
  'AWS_LAMBDA_METADATA_API',
  'AWS_LAMBDA_METADATA_TOKEN',
]);

/** Why Lambda refuses `key` as an environment variable, after `Environment.Variables.<key> of Fn`; undefined if it takes it. */
export function reservedKeyProblem(key: string): string | undefined {
  if (!RESERVED_KEYS.has(key)) return undefined;
  return (
    'is a key Lambda reserves for its runtime (Lambda developer guide, "Defined runtime environment variables"): ' +
    'Lambda rejects the function ("reserved keys that are currently not supported for modification") and the ' +
    'stack fails to deploy; remove it (Lambda sets it)'
  );
}
