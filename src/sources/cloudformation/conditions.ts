import { own } from '../../model/own.js';
import { isUnknown, type Unknown, unknown, type Value } from '../../model/values.js';
import type { Resolved, TemplateIssue } from './intrinsic-values.js';

/** How an undefined condition name is told, where it is first named (see Conditions.decide, namesInConditions). */
export function undefinedConditionMessage(name: string): string {
  return `condition "${name}" is not defined in Conditions`;
}

/**
 * Reasons of a condition CloudFormation rejects (undefined, circular, malformed), not one a deploy
 * decides: such a condition has no cases to explore.
 */
const MISTAKE = /\b(undefined condition|circular condition|malformed Fn::|malformed Condition)/;

/** Whether a condition is unknown because CloudFormation rejects it (undefined, circular, malformed), not undecided. */
export function isMistakenCondition(condition: Unknown): boolean {
  return MISTAKE.test(condition.reason);
}

/** Where a condition is named (a resource's Condition, an Fn::If), for reporting it there. */
export type ConditionPlace = { readonly node: object; readonly key?: string | number };

/** A condition the parameters' defaults decided: its value with them, and the parameters behind it. */
export interface DefaultDecision {
  readonly holds: boolean;
  readonly parameters: readonly string[];
}

/** What deciding conditions needs of the Resolver that owns them. */
interface ConditionContext {
  /** Resolves a condition's body (which may name other conditions: it comes back here). */
  resolve(input: unknown): Resolved;
  report(issue: TemplateIssue): void;
  /** Records a parameter whose default deciding a condition used (the Resolver's `assumed`). */
  assume(parameter: string): void;
  /** Adds to `into` the parameters whose defaults resolving `raw` would assume. */
  parametersIn(raw: unknown, into: Set<string>): void;
  /** The template's `Conditions` section as it is now (empty when it has none). */
  section(): Record<string, unknown>;
}

/**
 * The conditions of a template (its `Conditions` section), decided with parameter defaults assumed and
 * remembered once decided; those not known before deploy are recorded as `undecided`, those the defaults
 * decided as `byDefault`.
 */
export class Conditions {
  /**
   * Conditions met whose value is not known before deploy, each with why: the cases a scan can
   * explore by building the template again with each taken as true and as false (`decided`).
   * Only those met directly, not those met while deciding another condition.
   */
  readonly undecided = new Map<string, string>();
  /**
   * Conditions met whose value the parameters' defaults decided (a deploy that overrides them may give the
   * other): the cases a scan explores beside those of `undecided`. Only those met directly, and decided
   * without a condition taken as true or false (`decided`, `whileHolding`): their value is the defaults'.
   */
  readonly byDefault = new Map<string, DefaultDecision>();
  /**
   * Of `undecided` and `byDefault`, those met since the Resolver's last `resetAssumptions()` (by one
   * resource), in order.
   */
  readonly undecidedMet = new Set<string>();
  private readonly cache = new Map<string, Value<boolean>>();
  private readonly inProgress = new Set<string>();
  /** Conditions whose cached value was worked out from one taken as true or false (not the defaults'). */
  private readonly leaning = new Set<string>();
  /** Whether the decision in progress used a condition taken as true or false. */
  private usedTaken = false;
  /** Per condition, the parameters whose defaults deciding it uses (through nested conditions too). */
  private readonly parameters = new Map<string, readonly string[]>();

  constructor(
    /** Conditions taken as true or false whatever the parameters say: one case of the undecided ones. */
    private readonly decided: ReadonlyMap<string, boolean>,
    private readonly context: ConditionContext,
  ) {}

  /**
   * Runs `map` with the named condition taken to hold, though the defaults make it false: a resource
   * deployed only when it holds takes the true branch of an `Fn::If` on it. Conditions decided meanwhile
   * (which may have used it) are forgotten afterwards.
   */
  whileHolding<T>(name: string, map: () => T): T {
    const decided = new Map(this.cache);
    const leaning = new Set(this.leaning);
    this.cache.set(name, true);
    this.leaning.add(name);
    try {
      return map();
    } finally {
      this.cache.clear();
      for (const [condition, holds] of decided) this.cache.set(condition, holds);
      this.leaning.clear();
      for (const condition of leaning) this.leaning.add(condition);
    }
  }

  /**
   * Whether a named condition holds, with parameter defaults assumed. `where` is the place that names it
   * (a resource's Condition, an Fn::If), where an undefined condition is reported.
   */
  named(name: string, where?: ConditionPlace): Value<boolean> {
    const taken = this.decided.get(name);
    if (taken !== undefined) {
      this.usedTaken = true;
      return taken;
    }
    const outer = this.usedTaken;
    this.usedTaken = false;
    const holds = this.decide(name, where);
    const leans = this.usedTaken;
    this.usedTaken = outer || leans;
    if (this.inProgress.size > 0) return holds;
    if (isUnknown(holds)) {
      if (!MISTAKE.test(holds.reason)) {
        this.undecided.set(name, holds.reason);
        this.undecidedMet.add(name);
      }
    } else if (!leans) {
      this.recordDefault(name, holds);
    }
    return holds;
  }

  /** Records a condition decided with the defaults of some parameters (none: it is decided whatever they say). */
  private recordDefault(name: string, holds: boolean): void {
    const known = this.byDefault.get(name);
    if (known === undefined) {
      const parameters = this.parametersOf(name);
      if (parameters.length === 0 || this.undecided.has(name)) return;
      this.byDefault.set(name, { holds, parameters });
    }
    this.undecidedMet.add(name);
  }

  /** A condition's value if already known (decided for this case, or worked out before); no work done. */
  settled(name: string): Value<boolean> | undefined {
    return this.decided.get(name) ?? this.cache.get(name);
  }

  /** A condition written in place (a name, or `Fn::Equals`, `Fn::And`, ... resolved to a boolean). */
  evaluate(input: unknown, where?: ConditionPlace): Value<boolean> {
    if (typeof input === 'string') return this.named(input, where);
    const result = this.context.resolve(input);
    if (typeof result === 'boolean') return result;
    if (result === 'true' || result === 'false') return result === 'true';
    return isUnknown(result) ? result : unknown('condition could not be evaluated');
  }

  /** The parameters whose defaults deciding a named condition uses; computed once per condition. */
  parametersOf(name: unknown): readonly string[] {
    if (typeof name !== 'string') return [];
    const known = this.parameters.get(name);
    if (known) return known;
    // Marks the condition first, so a circular one ends the walk (the resolver reports the cycle).
    this.parameters.set(name, []);
    const found = new Set<string>();
    this.context.parametersIn(own(this.context.section(), name), found);
    const list = [...found];
    this.parameters.set(name, list);
    return list;
  }

  private decide(name: string, where: ConditionPlace | undefined): Value<boolean> {
    const cached = this.cache.get(name);
    if (cached !== undefined) {
      if (this.leaning.has(name)) this.usedTaken = true;
      // Deciding it again would assume the same defaults: record them for this resource too.
      for (const parameter of this.parametersOf(name)) this.context.assume(parameter);
      return cached;
    }
    const section = this.context.section();
    if (!Object.hasOwn(section, name)) {
      this.context.report({ message: undefinedConditionMessage(name), ...where });
      // Remembered, so that it is reported once, where it is first named.
      const undefinedCondition = unknown(`undefined condition ${name}`);
      this.cache.set(name, undefinedCondition);
      return undefinedCondition;
    }
    if (this.inProgress.has(name)) {
      this.context.report({
        message: `circular reference: condition "${name}" depends on itself`,
        node: section,
        key: name,
      });
      return unknown(`circular condition ${name}`);
    }
    this.inProgress.add(name);
    const result = this.evaluate(section[name]);
    this.inProgress.delete(name);
    this.cache.set(name, result);
    if (this.usedTaken) this.leaning.add(name);
    return result;
  }
}
