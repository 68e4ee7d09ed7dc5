import { dirname, relative, resolve, sep } from 'node:path';
import type {
  Check,
  CheckContext,
  CheckSettings,
  Outcome,
  OutcomeOptions,
  Severity,
} from '../checks/define.js';
import { findCdkHelper, noteOn } from '../findings/cdk-helpers.js';
import type {
  Declaration,
  Finding,
  FindingLocation,
  FindingResource,
  ScanError,
} from '../findings/finding.js';
import { type FingerprintPrefix, fingerprintAfter, fingerprintPrefix } from '../findings/fingerprint.js';
import { writtenDynamicReferences } from '../model/dynamic-references.js';
import type { Resource } from '../model/index.js';
import type { Derivation, Inventory } from '../model/inventory.js';
import { childNode, findingPlace, locationOf } from '../model/locate.js';
import { type Mutable, notDeployedByDefault } from '../model/resource.js';
import { type FileSource, isFileSource, type SourceRef } from '../model/source.js';
import { assumptionsOf } from './assumptions.js';
import { declarationAt, ownerOf } from './owners.js';
import { wordedUnknown } from './unknown-wording.js';

export interface EvaluateOptions {
  readonly settings: CheckSettings;
  /** Severity per check id, from the config. */
  readonly severityOverrides?: Readonly<Record<string, Severity>>;
  /** Turns an absolute file path into the one findings show (relative to the working directory). */
  readonly displayPath: (file: string) => string;
  /** The working directory displayPath is relative to (the process's when not given). */
  readonly cwd?: string;
  /** Keep passing results too (`--show-passed`). */
  readonly includePassed?: boolean;
  /**
   * Replaces values that must not be shown (NoEcho parameters) in a finding's detail key before it is
   * hashed into the fingerprint: a hash of a guessable secret would let anyone confirm a guess.
   */
  readonly hideText?: (text: string) => string;
  /**
   * Keep where each finding points into a file (Evaluation.pointsAt): merging cases names first the conditions
   * read there, then those of the resource it is in.
   */
  readonly recordPlaces?: boolean;
}

export interface Evaluation {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  /** Checks run × resources evaluated, for the summary. */
  readonly evaluated: number;
  /** Passing results, counted whether or not they are kept (`includePassed`). */
  readonly passed: number;
  /** With `recordPlaces`: where a finding points, when in a file: the place its location is of. */
  readonly pointsAt?: ReadonlyMap<Finding, FileSource>;
}

/** Runs every check over the resources of its kind. A check that throws is a scan error, not a crash. */
export function evaluate(
  inventory: Inventory,
  checks: readonly Check[],
  options: EvaluateOptions,
): Evaluation {
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  const pointsAt = options.recordPlaces ? new Map<Finding, FileSource>() : undefined;
  let evaluated = 0;
  let passed = 0;
  for (const check of checks) {
    const ctx = contextFor(check, inventory, options.settings);
    // Fingerprints of one check's findings in one file begin alike: hashed once per file.
    const prefixes = new Map<string, FingerprintPrefix>();
    const keep = (resource: Resource, outcome: Outcome) => {
      if (outcome.status === 'not-applicable') return;
      if (outcome.status === 'pass') {
        passed++;
        if (!options.includePassed) return;
      }
      const { finding, place } = toFinding(check, resource, outcome, inventory, options, prefixes);
      findings.push(finding);
      if (pointsAt && isFileSource(place)) pointsAt.set(finding, place);
    };
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
      // Most checks give one outcome: it is not wrapped in an array to be iterated.
      if (!Array.isArray(outcomes)) keep(resource, outcomes as Outcome);
      else for (let i = 0; i < outcomes.length; i++) keep(resource, outcomes[i] as Outcome);
    }
  }
  return { findings, errors, evaluated, passed, ...(pointsAt ? { pointsAt } : {}) };
}

function contextFor(check: Check, inventory: Inventory, settings: CheckSettings): CheckContext {
  // Most outcomes (passes, not-applicable) have no options: no spread of undefined for those.
  const outcome = (status: Outcome['status'], message: string, options?: OutcomeOptions): Outcome =>
    options === undefined ? { status, message } : { status, message, ...options };
  return {
    inventory,
    settings,
    option: <T>(name: string, fallback: T): T => {
      const value = settings.options[check.id]?.[name];
      return value === undefined ? fallback : (value as T);
    },
    pass: (message = 'passed', options) => outcome('pass', message, options),
    fail: (message, options) => outcome('fail', message, options),
    unknown: (message, options) => outcome('unknown', wordedUnknown(message), options),
    notApplicable: (message = 'not applicable') => outcome('not-applicable', message),
  };
}

/**
 * The status and message a finding shows. A resource the parameters' defaults leave out of the deploy
 * cannot be said to fail: whether it exists is not known before deploy, so a failure is `unknown`. So too a
 * failure whose evidence is in such a resource (a function's open egress, at a security group deployed only
 * when a condition holds): with the defaults it is not there to fail.
 */
function verdictOf(
  resource: Resource,
  outcome: Outcome,
  ownerOfEvidence: () => Resource | undefined,
): Pick<Finding, 'status' | 'message'> {
  if (outcome.status !== 'fail')
    return { status: outcome.status as Finding['status'], message: outcome.message };
  const absent = notDeployedByDefault(resource);
  // Looked up only for a failure, and only where some resource is left out by the defaults.
  const evidenceOwner = absent === undefined ? ownerOfEvidence() : undefined;
  const ownerAbsent = evidenceOwner ? notDeployedByDefault(evidenceOwner) : undefined;
  if (absent === undefined && ownerAbsent === undefined) return { status: 'fail', message: outcome.message };
  const but = absent === undefined ? `${evidenceOwner?.id} is ${ownerAbsent}` : `the resource is ${absent}`;
  return { status: 'unknown', message: `${outcome.message.replace(/\.$/, '')}; but ${but}` };
}

function toFinding(
  check: Check,
  resource: Resource,
  outcome: Outcome,
  inventory: Inventory,
  options: EvaluateOptions,
  prefixes: Map<string, FingerprintPrefix>,
): { readonly finding: Finding; readonly place: SourceRef } {
  const where = outcome.where;
  const path = Array.isArray(where) ? (where as (string | number)[]) : undefined;
  const ref = path ? undefined : (where as SourceRef | undefined);
  const place = findingPlace(resource, ref, path, options.displayPath);
  // Only a place the check named may be in another resource's declaration: a path is the resource's own.
  const location = withDeclaration(
    place.location,
    otherDeclaration(resource, place.ref === ref ? ref : undefined, inventory),
  );

  const generated = resource.generatedBy;
  const reportedId = generated?.id ?? resource.id;
  const assumptions = assumptionsOf(resource, path, {
    byItem: outcome.key !== undefined,
    where: ref,
    restsOn: outcome.restsOn,
    lacks: outcome.lacks,
    deployedWith: outcome.deployedWith,
    weighs: outcome.weighs,
    ownerOf: (source) => ownerOf(inventory, source),
  });
  const detail = outcome.key ?? (path ? path.join('.') : '');
  const verdict = verdictOf(resource, outcome, () => evidenceOwner(resource, ref, inventory));
  const status = verdict.status;
  // A dynamic reference as the template writes it (`{{resolve:ssm:b}}`), not as the value's shape holds it
  // (`${resolve:ssm:b}`, a part of its own for every reader of `${...}`: see dynamicReferenceText). Here, once for
  // every check, in all a finding says of the template's values: its message and its evidence.
  const message = writtenDynamicReferences(verdict.message);
  // Built field by field rather than with conditional spreads: there is one of these per finding, and
  // the order of assignment is the order of the JSON report's keys.
  const reported: Mutable<FindingResource> = {
    id: reportedId,
    kind: generated ? (inventory.resolve(generated.id)?.kind ?? resource.kind) : resource.kind,
    type: generated?.type ?? resource.type,
  };
  if (generated) reported.generated = { id: resource.id, type: resource.type };
  if (resource.cdkPath) reported.cdkPath = resource.cdkPath;
  if (resource.loop) reported.loop = resource.loop;
  // Without path metadata, a helper whose logical id holds a fixed hash is still known by that id (the Provider
  // framework's by its id and its function's handler, in the inventory).
  const helper = findCdkHelper(resource.cdkPath, resource.id, inventory);
  const finding: Mutable<Omit<Finding, 'fingerprint'>> & { fingerprint?: string } = {
    checkId: check.id,
    title: check.title,
    severity: options.severityOverrides?.[check.id] ?? outcome.severity ?? check.severity,
    status,
    message:
      helper === undefined
        ? message
        : withNote(
            message,
            noteOn(
              helper,
              // A finding that says what the resource lacks (`KmsKeyArn`) is about a missing setting, wherever it points.
              outcome.lacks !== undefined || aboutMissing(resource, path, ref),
              resource.kind.startsWith('iam.'),
            ),
          ),
    resource: reported,
    location,
  };
  if (path) finding.property = path.join('.');
  if (outcome.evidence) finding.evidence = writtenEvidence(outcome.evidence);
  if (assumptions) finding.assumptions = assumptions;
  const file = fingerprintFile(location.file, inventory, options);
  let prefix = prefixes.get(file);
  if (prefix === undefined) {
    prefix = fingerprintPrefix([check.id, file]);
    prefixes.set(file, prefix);
  }
  finding.fingerprint = fingerprintAfter(prefix, [
    // Hashed like the detail: an external role's id may be a NoEcho parameter's ARN.
    options.hideText ? options.hideText(reportedId) : reportedId,
    generated ? resource.id : '',
    options.hideText ? options.hideText(detail) : detail,
  ]);
  return { finding: finding as Finding, place: place.ref };
}

/** Evidence with its dynamic references as the template writes them (see toFinding); most has none. */
function writtenEvidence(evidence: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  if (!Object.values(evidence).some((text) => text.includes('${resolve:'))) return evidence;
  return Object.fromEntries(
    Object.entries(evidence).map(([name, text]) => [name, writtenDynamicReferences(text)]),
  );
}

/** Whether the defaults leave some resource of the inventory out (most inventories: none). */
const LEAVES_OUT: Derivation<Inventory, boolean> = {
  compute: (inventory) => {
    for (const resource of inventory.all()) if (resource.absentByDefault !== undefined) return true;
    return false;
  },
};

/** The resource a failure's evidence lies in, when it points into another one's declaration. */
function evidenceOwner(
  resource: Resource,
  ref: SourceRef | undefined,
  inventory: Inventory,
): Resource | undefined {
  if (ref === undefined || !isFileSource(ref) || !inventory.derived(LEAVES_OUT, inventory)) return undefined;
  const owner = ownerOf(inventory, ref);
  return owner === resource ? undefined : owner;
}

/**
 * The declaration a finding points into, when it is another resource's than the finding's own (a mapping's finding
 * at its queue): the construct path shown with the location is that one's.
 */
function otherDeclaration(
  resource: Resource,
  ref: SourceRef | undefined,
  inventory: Inventory,
): Declaration | undefined {
  if (ref === undefined || !isFileSource(ref)) return undefined;
  const declaration = declarationAt(inventory, ref);
  return declaration === undefined || declaration.id === (resource.generatedBy?.id ?? resource.id)
    ? undefined
    : declaration;
}

function withDeclaration(location: FindingLocation, declaration: Declaration | undefined): FindingLocation {
  return declaration === undefined ? location : { ...location, declaration };
}

/** A message and a note of sentences after it: the message ends with a full stop first. */
function withNote(message: string, note: string): string {
  if (note === '') return message;
  return /[.!?]$/.test(message) ? message + note : `${message}.${note}`;
}

/**
 * Whether a finding is about a setting the resource lacks: it points at nothing, or at a top-level property
 * the resource does not write (no TracingConfig). Such a finding on a CDK helper is not fixed by upgrading.
 */
function aboutMissing(
  resource: Resource,
  path: readonly (string | number)[] | undefined,
  ref: SourceRef | undefined,
): boolean {
  if (ref !== undefined) return false;
  if (path === undefined) return true;
  const properties = resource.properties;
  if (properties === undefined || !isFileSource(properties)) return false;
  const written = childNode(properties.node, properties.key);
  return written === null || typeof written !== 'object' || !Object.hasOwn(written, String(path[0]));
}

/** Per template, the path findings show for it. */
const shownScopes = new WeakMap<Inventory, string>();

/**
 * The file a finding's fingerprint rests on: the one it is located in, and for a finding in a file the template
 * includes (an API definition), the template as well: two templates may include one file.
 */
function fingerprintFile(
  located: string | undefined,
  inventory: Inventory,
  options: Pick<EvaluateOptions, 'displayPath' | 'cwd'>,
): string {
  if (located === undefined) return inventory.scope;
  let template = shownScopes.get(inventory);
  if (template === undefined) {
    template = options.displayPath(inventory.scope);
    shownScopes.set(inventory, template);
  }
  if (located === template) return located;
  // The included file by its path from the template's folder (`../shared/openapi.yaml`): the same on every machine,
  // where the path shown for a file outside the working folder is a whole one.
  const cwd = options.cwd ?? process.cwd();
  const path = relative(dirname(resolve(cwd, template)), resolve(cwd, located))
    .split(sep)
    .join('/');
  return `${template}\0${path}`;
}
