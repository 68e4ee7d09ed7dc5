import { asRecord } from './intrinsic-values.js';

/** The transform that brings Fn::ForEach, Fn::Length and Fn::ToJsonString. */
export const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

/** The transforms a template lists, by name (the mapping form `{ Name: ..., Parameters: ... }` too). */
export function transformNames(transform: unknown): string[] {
  const list = Array.isArray(transform) ? transform : transform === undefined ? [] : [transform];
  return list.map((item) => (typeof item === 'string' ? item : String(asRecord(item)?.Name ?? '')));
}

/** The transforms Parapet applies itself, as CloudFormation would (SAM's is named in sam/expand.ts). */
const APPLIED = new Set([LANGUAGE_EXTENSIONS, 'AWS::Serverless-2016-10-31']);

/** The transforms of the template Parapet does not apply, by name: what they add to it no check sees. */
function transformsNotRun(transform: unknown): string[] {
  return transformNames(transform).filter((name) => name !== '' && !APPLIED.has(name));
}

/**
 * The transforms of the template Parapet does not run that may add any resource, by name: a macro (SlicWatch adds
 * an alarm for every function) or AWS::Include (its snippet may hold any). AWS's other transforms add only what
 * their reference says (CloudFormation Template Reference, "Transform reference"): AWS::SecretsManager a rotation
 * function, AWS::CodeDeployBlueGreen an ECS task set and its hook, AWS::ServiceCatalog the values of a provisioned
 * product's outputs; none adds an alarm or a route, so "none in this template" still holds under them.
 */
export function transformsMayAddResources(transform: unknown): string[] {
  return transformsNotRun(transform).filter((name) => !name.startsWith('AWS::') || name === 'AWS::Include');
}

/**
 * A warning for each transform of the template Parapet does not apply: a macro (DatadogServerless adds layers
 * and variables to every function) or an AWS transform such as AWS::SecretsManager-2020-07-23 (which adds a
 * rotation function). What it adds or changes is not checked, and a clean report must not read as "all clear".
 */
export function transformsNotApplied(transform: unknown): string[] {
  return transformsNotRun(transform).map(
    (name) =>
      `Transform ${name} is ${name.startsWith('AWS::') ? 'a transform' : 'a macro'} Parapet does not run: ` +
      'what it adds to the template or changes in it (functions, layers, variables, roles) is not checked',
  );
}

/**
 * An `Fn::Transform` as findings name it: `AWS::Include of s3://b/alarms.yaml`, a macro's name, or `Fn::Transform`
 * where its Name is not written as text.
 */
export function transformLabel(spec: unknown): string {
  const record = asRecord(spec);
  const name = record?.Name;
  if (typeof name !== 'string' || name === '') return 'Fn::Transform';
  const location = asRecord(record?.Parameters)?.Location;
  return name === 'AWS::Include' && typeof location === 'string' ? `${name} of ${location}` : name;
}

/**
 * The `Fn::Transform` that makes a resource Parapet reads nothing of: the whole declaration (no Type written), or all
 * its Properties (none written beside the transform, or `Properties: {Fn::Transform: ...}` alone). An AWS::Include
 * or a macro there gives what the snippet or the macro returns ("Fn::Transform" and "AWS::Include transform" in the
 * CloudFormation Template Reference: the snippet is put where the transform is written). Undefined where the
 * resource is read as written (a transform beside written Properties only adds to them).
 */
export function transformMakingResource(decl: Record<string, unknown>): { spec: unknown } | undefined {
  if (Object.hasOwn(decl, 'Fn::Transform') && (decl.Type === undefined || decl.Properties === undefined))
    return { spec: decl['Fn::Transform'] };
  const properties = asRecord(decl.Properties);
  if (properties && Object.hasOwn(properties, 'Fn::Transform') && Object.keys(properties).length === 1)
    return { spec: properties['Fn::Transform'] };
  return undefined;
}
