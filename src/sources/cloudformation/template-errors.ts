/**
 * Template-level problems found before resources are mapped: unknown tags the parser met, SAM
 * resources without the SAM transform, DependsOn naming no resource.
 */
import { closest } from '../../config/names.js';
import type { ScanError } from '../../findings/finding.js';
import type { Locator, Position } from '../../model/source.js';
import { asRecord, intrinsicName } from './intrinsic-values.js';
import { zipSettingsMissing } from './lambda-requirements.js';
import { RESOURCE_ATTRIBUTES, SAM_KEPT_ATTRIBUTES, SAM_RESOURCE_ATTRIBUTES } from './resource-attributes.js';
import { SAM_TRANSFORM } from './sam/index.js';
import { isKnownSamProperty } from './sam/property-names.js';
import type { TemplateWarning } from './template.js';
import type { ParseIssue } from './yaml.js';

/** An unknown tag the parser found, with the resource whose declaration holds it. */
export function parseError(issue: ParseIssue, doc: Record<string, unknown>, file: string): ScanError {
  const resources = asRecord(doc.Resources) ?? {};
  const resource = issue.node
    ? Object.keys(resources).find((id) => holds(resources[id], issue.node))
    : undefined;
  return {
    kind: 'template',
    message: issue.message,
    file,
    line: issue.line,
    column: issue.column,
    ...(resource ? { resource } : {}),
  };
}

/** Whether `value` is `target` or holds it (by identity). */
function holds(value: unknown, target: object | undefined): boolean {
  if (value === target) return true;
  if (value === null || typeof value !== 'object') return false;
  for (const child of Array.isArray(value) ? value : Object.values(value))
    if (holds(child, target)) return true;
  return false;
}

/**
 * SAM resources in a template without the SAM transform: CloudFormation rejects the template, and
 * Parapet does not expand it (it cannot tell what else the author meant), so they go unchecked. The fix
 * depends on what Transform holds: none (add it), or other transforms (list SAM after them: transforms
 * run in the order listed, and AWS::LanguageExtensions must run before SAM).
 */
export function samWithoutTransform(doc: Record<string, unknown>, locator: Locator): ScanError[] {
  const resources = asRecord(doc.Resources) ?? {};
  const sam = Object.keys(resources).filter((id) => {
    const type = asRecord(resources[id])?.Type;
    return typeof type === 'string' && type.startsWith('AWS::Serverless::');
  });
  const first = sam[0];
  if (first === undefined) return [];
  const some =
    sam.length === 1
      ? `${first} is an AWS::Serverless resource`
      : `${sam.length} resources are AWS::Serverless resources (${listed(sam)})`;
  return [
    {
      kind: 'template',
      message: `${some} but ${transformFix(doc.Transform)} (not expanded: ${sam.length} SAM ${sam.length === 1 ? 'resource' : 'resources'} not checked)`,
      file: locator.file,
      resource: first,
      ...locator.locate(resources, first),
    },
  ];
}

/** What the Transform is missing and how to write it, as the end of a sentence. */
function transformFix(transform: unknown): string {
  const given = (Array.isArray(transform) ? transform : transform === undefined ? [] : [transform]).map(
    transformName,
  );
  if (given.length === 0) {
    return `the template has no Transform: ${SAM_TRANSFORM}; CloudFormation rejects it: add Transform: ${SAM_TRANSFORM} at the top level`;
  }
  // A misspelt SAM transform (`AWS::Serverless-2016-10-30`) is replaced; any other stays, SAM after it.
  const misspelt = given.filter((name) => name.toLowerCase().startsWith('aws::serverless'));
  const kept = given.filter((name) => !misspelt.includes(name));
  const fixed = kept.length === 0 ? SAM_TRANSFORM : `[${[...kept, SAM_TRANSFORM].join(', ')}]`;
  const hint = misspelt.length > 0 ? ` (${misspelt.join(', ')} is not it)` : '';
  return (
    `the template's Transform (${given.join(', ')}) does not include ${SAM_TRANSFORM}${hint}; CloudFormation ` +
    `rejects it: write Transform: ${fixed}`
  );
}

/** A transform as written: its name, or the Name of the mapping form (`{ Name: AWS::Include, ... }`). */
function transformName(item: unknown): string {
  if (typeof item === 'string') return item;
  const name = asRecord(item)?.Name;
  return typeof name === 'string' ? name : 'a value that is not a name';
}

/** Up to five names, then how many more. */
function listed(names: readonly string[]): string {
  return names.length > 5
    ? `${names.slice(0, 5).join(', ')}, and ${names.length - 5} more`
    : names.join(', ');
}

/**
 * DependsOn entries that name no resource of the template (a typo, a parameter, a resource since
 * removed): CloudFormation rejects the template. `ids` are the resource ids after the transforms, which
 * DependsOn may name (SAM's generated ones too).
 */
export function dependsOnNothing(
  resources: Record<string, unknown>,
  ids: { has(id: string): boolean },
  locator: Locator,
): ScanError[] {
  const errors: ScanError[] = [];
  for (const [id, raw] of Object.entries(resources)) {
    const decl = asRecord(raw);
    const dependsOn = decl?.DependsOn;
    if (!decl || dependsOn === undefined) continue;
    const names = Array.isArray(dependsOn) ? dependsOn : [dependsOn];
    names.forEach((name, index) => {
      if (typeof name === 'string' && ids.has(name)) return;
      const position = Array.isArray(dependsOn) ? locator.locate(dependsOn, index) : undefined;
      errors.push({
        kind: 'template',
        message: `${id}: DependsOn names ${typeof name === 'string' ? `"${name}"` : 'something'}, which is not a resource of this template (CloudFormation rejects it)`,
        file: locator.file,
        resource: id,
        ...(position ?? locator.locate(decl, 'DependsOn')),
      });
    });
  }
  return errors;
}

/**
 * Problems with how resources are written, which CloudFormation rejects before anything is created:
 * a logical id that is not alphanumeric ("Resource name ... is non alphanumeric"), and a key beside `Type`
 * that is not a resource attribute ("Invalid template resource property"): mostly a property indented
 * one level too little, which would otherwise go unchecked without a word. On an AWS::Serverless resource such a key
 * is a warning: the SAM transform drops the keys it does not know there and the stack deploys without them
 * (aws/serverless-application-model#938; cfn-lint's W3001, aws-cloudformation/cfn-lint#4606). So is a resource
 * attribute CloudFormation takes but the transform drops there (a Description beside Type: SAM_KEPT_ATTRIBUTES).
 */
export function resourceShapeProblems(
  resources: Record<string, unknown>,
  sam: boolean,
  locator: Locator,
): { errors: ScanError[]; warnings: TemplateWarning[] } {
  const errors: ScanError[] = [];
  const warnings: TemplateWarning[] = [];
  for (const [id, raw] of Object.entries(resources)) {
    // Fn::ForEach loops are written as keys of Resources; the loops' own expansion judges them.
    if (id.startsWith('Fn::ForEach::')) continue;
    if (!/^[A-Za-z0-9]+$/.test(id)) {
      const looksLikeType = /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(id);
      errors.push({
        kind: 'template',
        message:
          `resource id ${id} is not alphanumeric (CloudFormation rejects it)` +
          (looksLikeType ? `: it reads as a type; did you mean a resource whose Type is ${id}?` : ''),
        file: locator.file,
        resource: id,
        ...locator.locate(resources, id),
      });
    }
    const decl = asRecord(raw);
    if (!decl) continue;
    // Only with the transform: without it, CloudFormation itself reads the resource (and rejects it).
    const samType =
      sam && typeof decl.Type === 'string' && decl.Type.startsWith('AWS::Serverless::')
        ? decl.Type
        : undefined;
    for (const key in decl) {
      if (key === 'Type' || key === 'Properties' || (sam && SAM_RESOURCE_ATTRIBUTES.has(key))) continue;
      // AWS::Include may stand anywhere in a resource, as an `Fn::Transform` key.
      if (key === 'Fn::Transform') continue;
      const position = locator.locate(decl, key) ?? locator.locate(resources, id);
      if (RESOURCE_ATTRIBUTES.has(key)) {
        if (samType !== undefined && !SAM_KEPT_ATTRIBUTES.includes(key)) {
          warnings.push({ message: samDroppedAttribute(id, samType, key, decl), ...position });
        }
        continue;
      }
      if (samType !== undefined) {
        const property = isKnownSamProperty(samType, key)
          ? `; ${key} is a property of ${samType}: indent it under Properties`
          : misplacedKeyHint(decl, key, id, sam, locator);
        warnings.push({
          message:
            `${id}: ${key} is written beside Type, where the SAM transform ignores it (it is not a resource ` +
            `attribute): the stack deploys without it${property}`,
          ...position,
        });
        continue;
      }
      errors.push({
        kind: 'template',
        message:
          `${id}: ${key} is not a resource attribute; CloudFormation rejects the template ` +
          `("Invalid template resource property '${key}'")${misplacedKeyHint(decl, key, id, sam, locator)}`,
        file: locator.file,
        resource: id,
        ...position,
      });
    }
  }
  return { errors, warnings };
}

/** The warning for resource attribute `key` of a SAM resource, one the transform does not keep (SAM_KEPT_ATTRIBUTES). */
function samDroppedAttribute(
  id: string,
  samType: string,
  key: string,
  decl: Record<string, unknown>,
): string {
  const kept = `${SAM_KEPT_ATTRIBUTES.slice(0, -1).join(', ')} and ${SAM_KEPT_ATTRIBUTES.at(-1)}`;
  // Description is a property of several SAM types; CreationPolicy and Version are of none.
  const property = isKnownSamProperty(samType, key)
    ? `; ${key} is a property of ${samType}: indent it under Properties`
    : key === 'Description'
      ? underPropertiesHint(decl)
      : '';
  return (
    `${id}: ${key} is written beside Type, where the SAM transform drops it (it keeps only ${kept} there): ` +
    `the stack deploys without it${property}`
  );
}

/** What a key beside Type that is no resource attribute was most likely meant to be, as the end of a sentence. */
function misplacedKeyHint(
  decl: Record<string, unknown>,
  key: string,
  id: string,
  sam: boolean,
  locator: Locator,
): string {
  const attributes = sam ? [...RESOURCE_ATTRIBUTES, ...SAM_RESOURCE_ATTRIBUTES] : [...RESOURCE_ATTRIBUTES];
  const meant = closest(key, attributes);
  if (meant !== undefined) return `: did you mean ${meant}?`;
  return resourceIndentedTooDeep(decl, key, id, locator) ?? underPropertiesHint(decl);
}

/** The hedged hint to indent a key under Properties; none when the resource's Properties is no object to indent into. */
function underPropertiesHint(decl: Record<string, unknown>): string {
  return decl.Properties === undefined || asRecord(decl.Properties)
    ? ': if it is a property, indent it under Properties'
    : '';
}

/**
 * The hint for a key of resource `id` that the text shows to be a resource indented one level too deep: one with
 * nothing under it that the resource's Type follows (`LogB:` written under LogA, then LogB's Type and Properties,
 * which YAML reads as LogA's, repeated), or one that holds a Type itself. Undefined for any other key.
 */
function resourceIndentedTooDeep(
  decl: Record<string, unknown>,
  key: string,
  id: string,
  locator: Locator,
): string | undefined {
  const dedent = `if ${key} is a resource, dedent it to line up with ${id}`;
  const value = decl[key];
  if (asRecord(value)?.Type !== undefined) return `: it holds a Type, as a resource does: ${dedent}`;
  if (value !== null) return undefined;
  const at = locator.locate(decl, key);
  const type = locator.locate(decl, 'Type');
  if (at === undefined || type === undefined || type.line <= at.line) return undefined;
  return `: it has nothing under it, and the Type that follows it (line ${type.line}) is read as ${id}'s: ${dedent}`;
}

/**
 * The properties CloudFormation requires of the resource types a Lambda scan reads most (each type's page
 * in the CloudFormation reference, "Required: Yes"): without one it rejects the resource ("required key
 * [Role] not found"). Not the whole specification: only these types, whose checks would otherwise read a
 * missing value as one not known before deploy.
 */
const REQUIRED_PROPERTIES: ReadonlyMap<string, readonly string[]> = new Map([
  // Runtime and Handler too for a .zip package: see zipSettingsMissing.
  ['AWS::Lambda::Function', ['Code', 'Role']],
  ['AWS::Lambda::Permission', ['Action', 'FunctionName', 'Principal']],
  ['AWS::Lambda::LayerVersionPermission', ['Action', 'LayerVersionArn', 'Principal']],
  ['AWS::Lambda::Url', ['AuthType', 'TargetFunctionArn']],
  ['AWS::Lambda::EventSourceMapping', ['FunctionName']],
  ['AWS::IAM::Role', ['AssumeRolePolicyDocument']],
]);

/**
 * A resource of those types that lacks a required property, as written. Properties an `Fn::If` chooses as
 * a whole are not judged: which keys they hold is decided at deploy.
 */
export function missingRequiredProperties(resources: Record<string, unknown>, locator: Locator): ScanError[] {
  const errors: ScanError[] = [];
  for (const [id, raw] of Object.entries(resources)) {
    const decl = asRecord(raw);
    const required = typeof decl?.Type === 'string' ? REQUIRED_PROPERTIES.get(decl.Type) : undefined;
    // A resource-level Fn::Transform (AWS::Include) may bring any property.
    if (!decl || !required || Object.hasOwn(decl, 'Fn::Transform')) continue;
    const properties = decl.Properties === undefined ? {} : asRecord(decl.Properties);
    if (!properties || choosesKeys(properties)) continue;
    // `!Ref AWS::NoValue` written as the value removes the property as surely as leaving it out.
    const absent = (name: string) => properties[name] === undefined || isNoValueRef(properties[name]);
    const missing = required.filter(absent);
    const zip = decl.Type === 'AWS::Lambda::Function' ? zipSettingsMissing(properties) : [];
    if (missing.length === 0 && zip.length === 0) continue;
    // Written `!Ref AWS::NoValue`, each of them: said so, at the first, rather than "not set" at Properties.
    const names = [...missing, ...zip];
    const removed = names.every((name) => isNoValueRef(properties[name]));
    errors.push({
      kind: 'template',
      message: requiresMessage(id, decl, missing, zip, removed ? ' (!Ref AWS::NoValue removes it)' : ''),
      file: locator.file,
      resource: id,
      ...((removed ? locator.locate(properties, names[0] as string) : undefined) ??
        locator.locate(decl, decl.Properties === undefined ? 'Type' : 'Properties') ??
        locator.locate(resources, id)),
    });
  }
  return errors;
}

/**
 * A required property (as for missingRequiredProperties) written with a value that gives AWS::NoValue in this
 * build of the template: `Role: !If [IsPrimary, !GetAtt Role.Arn, !Ref AWS::NoValue]` where IsPrimary is false.
 * CloudFormation removes the property, then rejects the resource as if it were not written. The template is
 * built once per case of conditions not known before deploy (engine/evaluate-template.ts), so an error of
 * some cases only says in which. `shallow` resolves the top intrinsic (undefined for AWS::NoValue, an Unknown
 * for a condition not decided in this build); `at` is where the resource is, for a property with no position.
 */
export function requiredLeftOut(
  id: string,
  decl: Record<string, unknown>,
  properties: Record<string, unknown>,
  shallow: (raw: unknown) => unknown,
  locator: Locator,
  at: () => Position | undefined,
): ScanError | undefined {
  const required = typeof decl.Type === 'string' ? REQUIRED_PROPERTIES.get(decl.Type) : undefined;
  if (!required) return undefined;
  // `Properties: !If [C, {...}, !Ref AWS::NoValue]` where C does not hold: the resource has none at all.
  const allGone = intrinsicName(decl.Properties) !== undefined && shallow(decl.Properties) === undefined;
  // Not written, or written as `!Ref AWS::NoValue` itself: missingRequiredProperties reports it, as written.
  const gone = (name: string) => {
    const raw = properties[name];
    return allGone || (intrinsicName(raw) !== undefined && !isNoValueRef(raw) && shallow(raw) === undefined);
  };
  const leftOut = required.filter(gone);
  const zip = decl.Type === 'AWS::Lambda::Function' ? zipSettingsLeftOut(properties, shallow, gone) : [];
  if (leftOut.length === 0 && zip.length === 0) return undefined;
  const how = allGone
    ? ' (an Fn::If gives AWS::NoValue for its Properties)'
    : ' (an Fn::If gives AWS::NoValue)';
  const first = leftOut[0] ?? zip[0];
  return {
    kind: 'template',
    message: requiresMessage(id, decl, leftOut, zip, how),
    file: locator.file,
    resource: id,
    ...((allGone ? locator.locate(decl, 'Properties') : locator.locate(properties, first as string)) ?? at()),
  };
}

/** Runtime and Handler of a .zip function that an Fn::If leaves out in this build (see zipSettingsMissing). */
function zipSettingsLeftOut(
  properties: Record<string, unknown>,
  shallow: (raw: unknown) => unknown,
  gone: (name: string) => boolean,
): string[] {
  const raw = properties.PackageType;
  const packageType = intrinsicName(raw) !== undefined ? shallow(raw) : raw;
  if (packageType !== undefined && packageType !== null && packageType !== 'Zip') return [];
  return ['Runtime', 'Handler'].filter(gone);
}

/**
 * `Fn: AWS::Lambda::Function requires Role, which it does not set; CloudFormation rejects the resource (...)`.
 * `zip`: the Runtime and Handler a .zip function lacks, which Lambda, not the resource schema, refuses; each is
 * required on its own ("Runtime is required if the deployment package is a .zip file archive", and so is Handler:
 * Lambda API reference, CreateFunction), so the message names only those missing.
 */
function requiresMessage(
  id: string,
  decl: Record<string, unknown>,
  missing: readonly string[],
  zip: readonly string[],
  how: string,
): string {
  const when = typeof decl.Condition === 'string' ? ` when condition ${decl.Condition} creates it` : '';
  const names = [...missing, ...zip].join(', ');
  const schema = missing.length > 0 ? ` ("required key [${missing[0]}] not found")` : '';
  const lambda =
    zip.length > 0
      ? `${missing.length > 0 ? ', and' : ';'} Lambda refuses a .zip function without ${zip.join(' and ')}`
      : '';
  const rejects = missing.length > 0 ? `; CloudFormation rejects the resource${when}${schema}` : '';
  return `${id}: ${decl.Type} requires ${names}, which it does not set${how}${rejects}${lambda}${missing.length > 0 ? '' : when}`;
}

/** Whether Properties is an intrinsic (`Fn::If`, `Fn::Transform`) that decides its keys at deploy. */
function choosesKeys(properties: Record<string, unknown>): boolean {
  for (const key in properties) if (key.startsWith('Fn::')) return true;
  return false;
}

function isNoValueRef(value: unknown): boolean {
  return asRecord(value)?.Ref === 'AWS::NoValue';
}
