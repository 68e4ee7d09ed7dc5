import type { ResourceKind, ResourceKinds } from '../model/index.js';
import type { Inventory } from '../model/inventory.js';
import type { ResourceBase } from '../model/resource.js';
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
  /**
   * The AWS CDK fix, as a short TypeScript snippet for aws-cdk-lib v2 with its imports
   * (`import * as lambda from 'aws-cdk-lib/aws-lambda'`); `fn` stands for the `lambda.Function`.
   */
  readonly cdk?: string;
  readonly terraform?: string;
}

export interface CheckMeta<K extends ResourceKind = ResourceKind> {
  /** Stable forever: `<service>.<kebab-case>`. Suppressions, baselines and SARIF rules key on it. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** The model kind the check evaluates, one resource at a time. */
  readonly resource: K;
  /** What the check reports and why, in a few sentences: docs and SARIF show it before the risk. */
  readonly description: string;
  /**
   * How the check decides, case by case (exceptions, what passes, what is unknown), when that takes more
   * than the description's few sentences: docs and SARIF show it after the remediation, so that a reader
   * gets to the risk and the fix first.
   */
  readonly details?: string;
  readonly risk: string;
  readonly remediation: Remediation;
  readonly compliance: Readonly<Partial<Record<Framework, readonly string[]>>>;
  /** Off unless the config enables it; say why in `description`. Default true. */
  readonly enabledByDefault?: boolean;
  readonly references?: readonly string[];
  /**
   * The options parapet.yaml may set for this check (`checks.options.<id>.<name>`), by name. Loading the
   * config rejects an option not declared here and a value its declaration does not allow, so a check
   * reading `ctx.option(name, fallback)` gets a valid value or none; pass the declared default as fallback.
   */
  readonly options?: Readonly<Record<string, CheckOption>>;
}

/**
 * One option of a check, as plain data: src/config/check-options.ts turns it into validation when a
 * parapet.yaml is loaded, so that checks, which load on every scan, do not pull in the validation library.
 */
export type CheckOption = NumberOption | BooleanOption | StringListOption;

interface OptionBase {
  /** What the option changes, in a sentence or two (docs and `parapet checks <id>` show it). */
  readonly description: string;
}

export interface NumberOption extends OptionBase {
  readonly type: 'number';
  readonly default: number;
  /** Whole numbers only. */
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** What the number counts (`days`), for messages and docs. */
  readonly unit?: string;
}

export interface BooleanOption extends OptionBase {
  readonly type: 'boolean';
  readonly default: boolean;
}

/** A non-empty list of strings, each one of `values` when given (compared case-sensitively). */
export interface StringListOption extends OptionBase {
  readonly type: 'string-list';
  readonly default: readonly string[];
  readonly values?: readonly string[];
}

/** What an option takes, in words (`a whole number of days, at least 1`), for docs and config errors. */
export function describeOptionType(option: CheckOption): string {
  switch (option.type) {
    case 'boolean':
      return 'true or false';
    case 'string-list':
      return option.values
        ? `a non-empty list, each one of ${option.values.join(', ')}`
        : 'a non-empty list of strings';
    case 'number': {
      const unit = option.unit ? ` of ${option.unit}` : '';
      const what = `a ${option.integer ? 'whole number' : 'number'}${unit}`;
      const { min, max } = option;
      if (min !== undefined && max !== undefined) return `${what} from ${min} to ${max}`;
      if (min !== undefined) return `${what}, at least ${min}`;
      return max !== undefined ? `${what}, at most ${max}` : what;
    }
  }
}

export type Status = 'pass' | 'fail' | 'unknown' | 'not-applicable';

/** A property a finding is about the absence of: one of the resource's own, or one of another resource. */
export type Lacked = string | { readonly of: ResourceBase; readonly property: string };

export interface OutcomeOptions {
  /**
   * Where to point: a property path under the resource's properties (`['Environment', 'Variables', 'DB_PASSWORD']`),
   * or any SourceRef. Default: the resource.
   */
  readonly where?: readonly (string | number)[] | SourceRef;
  /** Distinguishes several findings of one check on one resource (an env var name); part of the fingerprint. */
  readonly key?: string;
  /**
   * `'presence'` when the verdict rests on which properties and items are set, not on any value (a function
   * has environment variables and no KmsKeyArn): the finding then assumes only the defaults that decide
   * what is set, not those of the values at `where` (with `lacks`, only those that leave out that property
   * or the one at `where`). `'other-resources'` when it rests on other resources of the template, not on any
   * property of this one (no alarm watches the function): it assumes only the defaults that decide whether
   * the resource exists as it is.
   */
  readonly restsOn?: 'presence' | 'other-resources';
  /**
   * For a finding on the resource as a whole about a property it lacks (`RetentionInDays`): that property's
   * name, or those it lacks together, a property of another resource among them (a dead-letter queue, and
   * the destination of an event invoke config). The finding then assumes the defaults that leave those
   * properties or a part of them out (an `Fn::If` giving `AWS::NoValue`), not those that leave out any other.
   */
  readonly lacks?: string | readonly Lacked[];
  /**
   * Other resources whose being deployed the verdict rests on (the callers that make a function invoked
   * asynchronously): the finding also assumes the defaults that decide whether each exists as it is (a Condition
   * that holds only by a parameter's default), not those of their values.
   */
  readonly deployedWith?: readonly ResourceBase[];
  /**
   * Of the mapping `where` points at (a policy statement), the keys whose values decide the verdict (`Effect`,
   * `Action`, `Condition`, when its `Resource` changes nothing): the finding then assumes only the defaults those
   * refer to, not those of the rest (a queue ARN built from `${Stage}`). Default: the whole mapping.
   */
  readonly weighs?: readonly string[];
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
