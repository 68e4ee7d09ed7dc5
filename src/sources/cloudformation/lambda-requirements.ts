import { asRecord } from './intrinsic-values.js';

/**
 * What a function of a .zip package (PackageType absent or `Zip`) requires besides Code and Role: "If you
 * specify a .zip file archive, you must also specify the handler and runtime properties" (CloudFormation,
 * AWS::Lambda::Function Code); the Lambda API: "Runtime is required if the deployment package is a .zip file
 * archive". An image takes neither, and a PackageType from a parameter may be either: nothing then.
 */
export function zipSettingsMissing(properties: Record<string, unknown>): string[] {
  if (!isZipPackage(properties.PackageType)) return [];
  return ['Runtime', 'Handler'].filter((name) => isAbsent(properties[name]));
}

function isZipPackage(packageType: unknown): boolean {
  return isAbsent(packageType) || packageType === 'Zip';
}

/** Not written, or `!Ref AWS::NoValue` written as the value, which removes the property as surely. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || asRecord(value)?.Ref === 'AWS::NoValue';
}
