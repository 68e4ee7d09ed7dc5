import type { ResourceKind, ResourceKinds } from '../model/index.js';
import type { Inventory } from '../model/inventory.js';
import type { SourceRef } from '../model/source.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Compliance frameworks a check can map to; catalogs live in src/compliance. */
export type Framework =
  | 'nist-800-53-r5'
  | 'pci-dss-4.0'
  | 'hipaa'
  | 'soc2'
  | 'aws-fsbp'
  | 'cis-aws-3.0'
  | 'gdpr';

export interface Remediation {
  /** What to change, in console words. */
  readonly text: string;
  readonly cli?: string;
  /** The CloudFormation / SAM fix, as a YAML snippet. */
  readonly cloudformation?: string;
  readonly terraform?: string;
}

export interface CheckMeta<K extends ResourceKind = ResourceKind> {
  /** Stable forever: `<service>.<kebab-case>`. Suppressions, baselines and SARIF rules key on it. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** The model kind the check evaluates, one resource at a time. */
  readonly resource: K;
  readonly description: string;
  readonly risk: string;
  readonly remediation: Remediation;
  readonly compliance: Readonly<Partial<Record<Framework, readonly string[]>>>;
  /** Off unless the config enables it; say why in `description`. Default true. */
  readonly enabledByDefault?: boolean;
  readonly references?: readonly string[];
}

export type Status = 'pass' | 'fail' | 'unknown' | 'not-applicable';

export interface OutcomeOptions {
  /**
   * Where to point: a property path under the resource's properties (`['Environment', 'Variables', 'DB_PASSWORD']`),
   * or any SourceRef. Default: the resource.
   */
  readonly where?: readonly (string | number)[] | SourceRef;
  /** Distinguishes several findings of one check on one resource (an env var name); part of the fingerprint. */
  readonly key?: string;
  /** A severity for this finding when it differs from the check's (a runtime whose updates are already blocked). */
  readonly severity?: Severity;
  /** Facts behind the finding, already safe to print (never a secret: redact first). */
  readonly evidence?: Readonly<Record<string, string>>;
}

export interface Outcome extends OutcomeOptions {
  readonly status: Status;
  readonly message: string;
}

/** Settings the checks read; built from parapet.yaml and the command line. */
export interface CheckSettings {
  /** "Today" for date-based checks (runtime deprecation). */
  readonly scanDate: Date;
  /** Account ids trusted as principals and layer publishers, besides AWS's own. */
  readonly trustedAccounts: readonly string[];
  /** Per-check options from parapet.yaml (`checks: { options: { <id>: {...} } }`). */
  readonly options: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface CheckContext {
  readonly inventory: Inventory;
  readonly settings: CheckSettings;
  /** A per-check option from the config, or `fallback`. */
  option<T>(name: string, fallback: T): T;
  pass(message?: string, options?: OutcomeOptions): Outcome;
  fail(message: string, options?: OutcomeOptions): Outcome;
  unknown(message: string, options?: OutcomeOptions): Outcome;
  notApplicable(message?: string): Outcome;
}

export interface Check<K extends ResourceKind = ResourceKind> extends CheckMeta<K> {
  evaluate(resource: ResourceKinds[K], ctx: CheckContext): Outcome | readonly Outcome[];
}

/** Declares a check: metadata and a pure, synchronous evaluate in one place. */
export function defineCheck<K extends ResourceKind>(check: Check<K>): Check<K> {
  if (!/^[a-z0-9]+\.[a-z0-9]+(-[a-z0-9]+)*$/.test(check.id)) {
    throw new Error(`check id "${check.id}" must be <service>.<kebab-case>`);
  }
  return check;
}
