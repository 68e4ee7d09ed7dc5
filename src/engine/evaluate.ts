import type {
  Check,
  CheckContext,
  CheckSettings,
  Outcome,
  OutcomeOptions,
  Severity,
} from '../checks/define.js';
import type { Finding, FindingLocation, ScanError } from '../findings/finding.js';
import { fingerprint } from '../findings/fingerprint.js';
import type { Resource } from '../model/index.js';
import type { Inventory } from '../model/inventory.js';
import { childSource, isFileSource, type SourceRef } from '../model/source.js';

export interface EvaluateOptions {
  readonly settings: CheckSettings;
  /** Severity per check id, from the config. */
  readonly severityOverrides?: Readonly<Record<string, Severity>>;
  /** Turns an absolute file path into the one findings show (relative to the working directory). */
  readonly displayPath: (file: string) => string;
  /** Keep passing results too (`--show-passed`). */
  readonly includePassed?: boolean;
}

export interface Evaluation {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  /** Checks run × resources evaluated, for the summary. */
  readonly evaluated: number;
}

/** Runs every check over the resources of its kind. A check that throws is a scan error, not a crash. */
export function evaluate(
  inventory: Inventory,
  checks: readonly Check[],
  options: EvaluateOptions,
): Evaluation {
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  let evaluated = 0;
  for (const check of checks) {
    const ctx = contextFor(check, inventory, options.settings);
    for (const resource of inventory.list(check.resource)) {
      evaluated++;
      let outcomes: Outcome | readonly Outcome[];
      try {
        outcomes = (check as Check).evaluate(resource, ctx);
      } catch (error) {
        errors.push({
          kind: 'check',
          checkId: check.id,
          resource: resource.id,
          message: `check ${check.id} failed on ${resource.id}: ${(error as Error).message}`,
          ...locationOf(resource.source, options.displayPath),
        });
        continue;
      }
      for (const outcome of Array.isArray(outcomes) ? outcomes : [outcomes as Outcome]) {
        if (outcome.status === 'not-applicable') continue;
        if (outcome.status === 'pass' && !options.includePassed) continue;
        findings.push(toFinding(check, resource, outcome, inventory, options));
      }
    }
  }
  return { findings, errors, evaluated };
}

function contextFor(check: Check, inventory: Inventory, settings: CheckSettings): CheckContext {
  const outcome = (status: Outcome['status'], message: string, options?: OutcomeOptions): Outcome => ({
    status,
    message,
    ...options,
  });
  return {
    inventory,
    settings,
    option: <T>(name: string, fallback: T): T => {
      const value = settings.options[check.id]?.[name];
      return value === undefined ? fallback : (value as T);
    },
    pass: (message = 'passed', options) => outcome('pass', message, options),
    fail: (message, options) => outcome('fail', message, options),
    unknown: (message, options) => outcome('unknown', message, options),
    notApplicable: (message = 'not applicable') => outcome('not-applicable', message),
  };
}

function toFinding(
  check: Check,
  resource: Resource,
  outcome: Outcome,
  inventory: Inventory,
  options: EvaluateOptions,
): Finding {
  const where = outcome.where;
  const path = Array.isArray(where) ? (where as (string | number)[]) : undefined;
  const location = findingLocation(
    resource,
    path ? undefined : (where as SourceRef | undefined),
    path,
    options,
  );

  const generated = resource.generatedBy;
  const reportedId = generated?.id ?? resource.id;
  const reportedType = generated?.type ?? resource.type;
  const assumptions = assumptionsOf(resource, path);
  const detail = outcome.key ?? (path ? path.join('.') : '');
  return {
    checkId: check.id,
    title: check.title,
    severity: options.severityOverrides?.[check.id] ?? outcome.severity ?? check.severity,
    status: outcome.status as Finding['status'],
    message: outcome.message,
    resource: {
      id: reportedId,
      kind: generated ? (inventory.resolve(generated.id)?.kind ?? resource.kind) : resource.kind,
      type: reportedType,
      ...(generated ? { generated: { id: resource.id, type: resource.type } } : {}),
      ...(resource.cdkPath ? { cdkPath: resource.cdkPath } : {}),
    },
    location,
    ...(path ? { property: path.join('.') } : {}),
    ...(outcome.evidence ? { evidence: outcome.evidence } : {}),
    ...(assumptions ? { assumptions } : {}),
    fingerprint: fingerprint([
      check.id,
      location.file ?? inventory.scope,
      reportedId,
      generated ? resource.id : '',
      detail,
    ]),
  };
}

/**
 * What a finding's verdict takes for granted, or undefined when nothing (most findings). A finding on
 * a property depends on the defaults that property's value was resolved with; one on the resource as a
 * whole, on all of them.
 */
function assumptionsOf(
  resource: Resource,
  path: readonly (string | number)[] | undefined,
): string[] | undefined {
  const defaults = path ? defaultsBehind(resource, String(path[0])) : resource.assumedDefaults;
  if (!defaults?.length && !resource.condition) return undefined;
  const assumptions = (defaults ?? []).map(
    (p) => `parameter ${p} uses its default value, which a deploy may override`,
  );
  if (resource.condition)
    assumptions.push(`the resource exists only when condition ${resource.condition} holds`);
  return assumptions;
}

/** The assumed defaults behind a top-level property: its own and those behind the whole resource. */
function defaultsBehind(resource: Resource, property: string): readonly string[] | undefined {
  const byProperty = resource.assumedDefaultsByProperty;
  if (!byProperty) return resource.assumedDefaults;
  const { properties, everywhere } = byProperty;
  const name = Object.hasOwn(properties, property) ? property : cloudFormationName(resource, property);
  const own = name === undefined ? undefined : properties[name];
  if (!own) return everywhere;
  return everywhere.length === 0 ? own : [...new Set([...everywhere, ...own])].sort();
}

/** The CloudFormation name of a property a path names the SAM way (`Tracing` for `TracingConfig`). */
function cloudFormationName(resource: Resource, written: string): string | undefined {
  for (const [name, aliases] of Object.entries(resource.writtenAs ?? {})) {
    if (aliases.includes(written)) return name;
  }
  return undefined;
}

/**
 * The most specific place a finding can point at, first found wins: the outcome's own source; the
 * property path as the user wrote it (SAM names), under the resource's properties and then under
 * those it inherits (SAM Globals), an item of a list both define taken from the one it came from;
 * the path as the model names it, likewise; the resource itself.
 */
function findingLocation(
  resource: Resource,
  where: SourceRef | undefined,
  path: (string | number)[] | undefined,
  options: EvaluateOptions,
): FindingLocation {
  const { displayPath } = options;
  if (where) {
    const found = locatedAt(where, displayPath);
    if (found) return found;
  }
  if (path) {
    const written = resource.writtenAs?.[String(path[0])];
    const { properties } = resource;
    for (const p of written ? [written, path] : [path]) {
      const inheritedProperties = inherits(resource, p[0]) ? resource.inheritedProperties : undefined;
      const item = properties && inheritedProperties && mergedListItem(properties, inheritedProperties, p);
      const merged = item && locatedAt(item, displayPath);
      if (merged) return merged;
      for (const base of [properties, inheritedProperties]) {
        const found = base && locatedAt(childSource(base, ...p), displayPath);
        if (found) return found;
      }
    }
  }
  return locatedAt(resource.source, displayPath) ?? locationOf(resource.source, displayPath);
}

/**
 * Where item `i` of a list that both the resource and what it inherits define was written. SAM merges
 * maps key by key and concatenates lists, the inherited items first (samtranslator/plugins/globals/
 * globals.py, `_merge_lists`: global + local), so `Layers[1]` of a function with one Globals layer is
 * its own `Layers[0]`. Undefined when no list on the path is merged: the plain lookups are right then.
 */
function mergedListItem(
  own: SourceRef,
  inherited: SourceRef,
  path: readonly (string | number)[],
): SourceRef | undefined {
  if (!isFileSource(own) || !isFileSource(inherited)) return undefined;
  let ownNode = childNode(own.node, own.key);
  let inheritedNode = childNode(inherited.node, inherited.key);
  for (const [depth, segment] of path.entries()) {
    if (typeof segment === 'number') {
      if (!Array.isArray(ownNode) || !Array.isArray(inheritedNode)) return undefined;
      const before = path.slice(0, depth);
      const after = path.slice(depth + 1);
      const count = inheritedNode.length;
      return segment < count
        ? childSource(inherited, ...before, segment, ...after)
        : childSource(own, ...before, segment - count, ...after);
    }
    // Maps merge only with maps: a value of another kind, or an intrinsic, wins (or loses) whole.
    if (!isMergedMap(ownNode) || !isMergedMap(inheritedNode)) return undefined;
    ownNode = ownNode[segment];
    inheritedNode = inheritedNode[segment];
  }
  return undefined;
}

/** Whether a top-level property may come from what the resource inherits (SAM Globals). */
function inherits(resource: Resource, property: string | number | undefined): boolean {
  if (resource.inheritedProperties === undefined) return false;
  return !(typeof property === 'string' && resource.notInherited?.includes(property));
}

function childNode(node: object, key: string | number | undefined): unknown {
  return key === undefined ? node : (node as Record<string | number, unknown>)[key];
}

/** A map SAM merges key by key: not a list, and not an intrinsic function (`{ Ref: X }`, `{ 'Fn::If': ... }`). */
function isMergedMap(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const only = keys.length === 1 ? (keys[0] as string) : undefined;
  return !(only === 'Ref' || only === 'Condition' || only?.startsWith('Fn::'));
}

/** The location of a source when it is known (a line in a file, or an ARN); undefined otherwise. */
function locatedAt(ref: SourceRef, displayPath: (file: string) => string): FindingLocation | undefined {
  if (!isFileSource(ref)) return locationOf(ref, displayPath);
  const position = ref.locator.locate(ref.node, ref.key);
  return position && { file: displayPath(ref.file), line: position.line, column: position.column };
}

export function locationOf(ref: SourceRef, displayPath: (file: string) => string): FindingLocation {
  if (!isFileSource(ref)) {
    return {
      arn: ref.arn,
      ...(ref.account ? { account: ref.account } : {}),
      ...(ref.region ? { region: ref.region } : {}),
    };
  }
  const position = ref.locator.locate(ref.node, ref.key);
  return {
    file: displayPath(ref.file),
    ...(position ? { line: position.line, column: position.column } : {}),
  };
}
