import { dynamicReferenceText, withoutDynamicReferences } from '../../model/dynamic-references.js';
import { own, setOwn } from '../../model/own.js';
import {
  EXPORTED_BY_SEVERAL,
  imported,
  importedFromSeveral,
  isUnknown,
  Unknown,
  unknown,
  type Value,
} from '../../model/values.js';
import { nonEmptyInCase } from './case-non-empty.js';
import { type ConditionPlace, Conditions, type DefaultDecision, isMistakenCondition } from './conditions.js';
import { functionArnParts } from './function-arn-parts.js';
import {
  asRecord,
  intrinsicName,
  NO_VALUE,
  type Resolved,
  ResourceRef,
  type TemplateIssue,
  toText,
} from './intrinsic-values.js';
import { splitJoined } from './joined-values.js';
import type { NestedOutput } from './nested-output-values.js';
import { NO_VALUE_COMPARED } from './novalue-conditions.js';
import { parametersNamingResources } from './parameter-constraints.js';
import { type ParameterSource, ParameterValues, type ParentText } from './parameter-values.js';
import {
  chosenMappings,
  type ParameterWalkContext,
  parametersIn,
  valueParameters,
} from './parameter-walks.js';
import { holdsSecret } from './parameters.js';
import type { SamReferenceTarget } from './sam/references.js';
import { joinText, PSEUDO_PARAMETERS, PSEUDO_UNKNOWNS, substitute } from './text-intrinsics.js';
import { LANGUAGE_EXTENSIONS, transformNames } from './transforms.js';
import { missingMappingReason, outOfRangeReason, type ParameterValueWords } from './value-failures.js';
import { base64Of, combined, equalValues, jsonTextOf, lengthOf } from './value-intrinsics.js';

/**
 * Evaluates CloudFormation intrinsic functions as far as the template alone allows. Parameter
 * defaults are used, and remembered (`assumed`) because a deploy may override them; whatever
 * depends on the account, the region, an import or a resource attribute is Unknown.
 */
/** Why a value an `Fn::Transform` (AWS::Include, a macro) makes is not known: Parapet does not run macros. */
export const MACRO_OUTPUT = 'output of a macro (Fn::Transform)';

/** The shape of what `Fn::GetAZs` gives: a list of the region's availability zones, not known before deploy. */
export const AZS_OF_REGION = '${AWS::AZs}';

/** What `Resolver.aside` read, with the parameters whose defaults it used and the conditions it met (in order). */
export interface Aside<T> {
  readonly value: T;
  readonly assumed: readonly string[];
  readonly met: readonly string[];
}

export class Resolver {
  /** Parameters whose default a resolution used since the last `resetAssumptions()`. */
  readonly assumed = new Set<string>();
  private readonly parameters: ParameterValues;
  private readonly conditions: Conditions;
  /** What the parameter walks (parameter-walks.ts) read of this resolver. */
  private readonly walkContext: ParameterWalkContext = {
    assumesDefault: (name) => this.parameters.assumesDefault(name),
    isParameter: (name) => this.parameters.has(name),
    settled: (name) => this.conditions.settled(name),
    parametersOfCondition: (name) => this.conditions.parametersOf(name),
  };
  /** A walk context that finds every parameter named, whatever gives its value. */
  private readonly namingContext: ParameterWalkContext = {
    ...this.walkContext,
    assumesDefault: (name) => this.parameters.has(name),
  };
  /** The walk context of `choosingParametersIn`: a `Ref` or `${Name}` gives a value, not a choice. */
  private readonly choosingContext: ParameterWalkContext = {
    ...this.walkContext,
    assumesDefault: () => false,
    presenceOnly: true,
  };

  constructor(
    private readonly template: Record<string, unknown>,
    readonly resourceIds: ReadonlySet<string>,
    /** Where the problems of values resolved go (see `report`). */
    private readonly reportTo: (issue: TemplateIssue) => void,
    overrides: Readonly<Record<string, string>> = {},
    /** Conditions taken as true or false whatever the parameters say: one case of the undecided ones. */
    decided: ReadonlyMap<string, boolean> = new Map(),
    /**
     * Values a parent stack gives this (nested) template's parameters that are not known text (a resource
     * of the parent, its parameters without default): they replace defaults and values given with -p.
     */
    fromParent: Readonly<Record<string, Unknown>> = {},
    /** Of `overrides`, the text a parent stack gives (see ParentText). */
    parentText: ParentText = {},
    /** Exports of the other stacks scanned with this one, by export name: what `Fn::ImportValue` gives. */
    private readonly exports: ReadonlyMap<string, string | Unknown> = new Map(),
    /** SAM's referenceable properties (`Fn.Alias`), which the SAM transform rewrites in Ref, GetAtt and Sub. */
    private readonly samProperties: ReadonlyMap<string, SamReferenceTarget> = new Map(),
    /**
     * Outputs of this template's nested stacks that are resources of those stacks (scanned with it), by the name
     * `!Sub` writes (`Dlq.Outputs.QueueArn`): what `!GetAtt Dlq.Outputs.QueueArn` gives; the template's own resource
     * where the nested stack was given it and outputs it back. See `nestedStacks`.
     */
    private readonly nestedOutputs: ReadonlyMap<string, NestedOutput> = new Map(),
  ) {
    const declarations = asRecord(template.Parameters) ?? {};
    this.parameters = new ParameterValues(
      declarations,
      overrides,
      fromParent,
      parentText,
      parametersNamingResources(template),
      nonEmptyInCase(asRecord(template.Conditions), decided),
    );
    this.conditions = new Conditions(decided, {
      // A condition compares values, which no report prints: NoEcho ones too (see `comparing`), also in text its own
      // comparison builds (`!Sub 'pre-${Secret}'`).
      resolve: (input) => this.comparingValues(() => this.comparedPart(input)),
      report: reportTo,
      assume: (parameter) => this.assumed.add(parameter),
      parametersIn: (raw, into) => this.parametersIn(raw, into),
      section: () => asRecord(template.Conditions) ?? {},
    });
    this.undecided = this.conditions.undecided;
    this.byDefault = this.conditions.byDefault;
    this.undecidedMet = this.conditions.undecidedMet;
  }

  /**
   * Reports a problem of a value resolved, unless `quietly` resolves it. A method, not a closure made in the
   * constructor: with one, V8 promoted far more of each template's parse tree and model to the old generation
   * (16 MB more over the 500 templates of the bench folder), and collecting them cost ~6% of the folder's scan.
   */
  private report(issue: TemplateIssue): void {
    if (this.quiet === 0) this.reportTo(issue);
  }

  private quiet = 0;

  /**
   * Runs `read` without reporting the problems of what it resolves: for a resource's mapper reading another
   * resource (an alarm, the composite alarms and EventBridge rules that listen to it), whose problems are that
   * resource's, not the reader's.
   */
  quietly<T>(read: () => T): T {
    this.quiet++;
    try {
      return read();
    } finally {
      this.quiet--;
    }
  }

  /** Conditions met whose value is not known before deploy, each with why (see Conditions.undecided). */
  readonly undecided: Map<string, string>;

  /** Conditions met whose value the parameters' defaults decided (see Conditions.byDefault). */
  readonly byDefault: ReadonlyMap<string, DefaultDecision>;

  /** Of `undecided` and `byDefault`, those met since the last `resetAssumptions()` (by one resource), in order. */
  readonly undecidedMet: Set<string>;

  resetAssumptions(): void {
    this.assumed.clear();
    this.undecidedMet.clear();
  }

  /**
   * Runs `read` with a fresh record of assumptions (`assumed`, `undecidedMet`), gives what it read with that record,
   * and puts the record from before back: for a value read beside the resource being mapped (another stack's output,
   * the options of a choice), whose assumptions are not that resource's unless the caller `remember`s them.
   */
  aside<T>(read: () => T): Aside<T> {
    const [assumed, met] = [[...this.assumed], [...this.undecidedMet]];
    this.resetAssumptions();
    try {
      const value = read();
      return { value, assumed: [...this.assumed], met: [...this.undecidedMet] };
    } finally {
      this.resetAssumptions();
      this.remember({ assumed, met });
    }
  }

  /** Adds a record of assumptions (as `aside` gives) to the current one, after what it holds. */
  remember(record: Omit<Aside<unknown>, 'value'>): void {
    for (const parameter of record.assumed) this.assumed.add(parameter);
    for (const condition of record.met) this.undecidedMet.add(condition);
  }

  /** Runs `map` with the named condition taken to hold (see Conditions.whileHolding). */
  whileHolding<T>(name: string, map: () => T): T {
    return this.conditions.whileHolding(name, map);
  }

  /** Fully resolves a value: plain data with Unknown and ResourceRef where it cannot be known. */
  value(input: unknown): Resolved {
    const result = this.resolve(input);
    return result === NO_VALUE ? undefined : result;
  }

  /**
   * Resolves only an intrinsic at the top (`!If`, `!Ref` to a parameter, ...) and returns plain
   * objects and arrays as they are, so callers keep the parsed objects (and their locations). Text holding a
   * dynamic reference is an Unknown: the mappers that read a value as written (a JSON property's text, a principal
   * `"*"`, a mapping or a list) never take one for literal text.
   */
  shallow(input: unknown): unknown {
    if (typeof input === 'string') return dynamicReferenceText(input);
    const fn = intrinsicName(input);
    if (fn === undefined) return input;
    if (fn === 'Fn::If') {
      const args = (input as Record<string, unknown>)[fn];
      if (!Array.isArray(args) || args.length !== 3) return this.value(input);
      const condition = this.conditions.evaluate(args[0], { node: args, key: 0 });
      // Worded as resolve() words it, so a message names the condition the value hangs on.
      if (isUnknown(condition)) return undecidedIf(args, condition);
      return this.shallow(condition ? args[1] : args[2]);
    }
    if (fn === 'Ref' && (input as Record<string, unknown>).Ref === 'AWS::NoValue') return undefined;
    return this.value(input);
  }

  /** A string, or Unknown carrying the string's shape where parts are unknown. */
  string(input: unknown): Value<string | undefined> {
    return toText(this.value(input));
  }

  /** Whether a named condition holds, with parameter defaults assumed (see Conditions.named). */
  conditionNamed(name: string, where?: ConditionPlace): Value<boolean> {
    return this.conditions.named(name, where);
  }

  /** Whether the template's Conditions (as built: with what SAM adds) define a condition of that name; no work done. */
  definesCondition(name: string): boolean {
    return Object.hasOwn(asRecord(this.template.Conditions) ?? {}, name);
  }

  /** A named condition's value when it is already worked out (by a resource or an Fn::If that met it); no work done. */
  settledCondition(name: string): Value<boolean> | undefined {
    return this.conditions.settled(name);
  }

  /** The parameters whose defaults resolving `raw` would assume: see parameter-walks.ts. */
  parametersIn(raw: unknown, into: Set<string>): void {
    parametersIn(raw, into, this.walkContext);
  }

  /**
   * Of `parametersIn`, those that choose what `raw` holds rather than give a value: the parameters of the
   * conditions of its `Fn::If`s (which decide which items are set, or none).
   */
  choosingParametersIn(raw: unknown, into: Set<string>): void {
    parametersIn(raw, into, this.choosingContext);
  }

  /** See `chosenMappings` in parameter-walks.ts: the mappings an `Fn::If` chooses whole, with its parameters. */
  chosenMappings(raw: unknown, into: Map<object, readonly string[]>): void {
    chosenMappings(raw, into, this.walkContext);
  }

  /** See `valueParameters` in parameter-walks.ts: the parameters whose values end up in `raw`. */
  valueParameters(raw: unknown, into: Set<string> = new Set()): Set<string> {
    return valueParameters(raw, into, this.walkContext);
  }

  /** Every parameter `raw` names (by `Ref`, `${Name}`, or through the conditions of its `Fn::If`s), in the order met. */
  private parametersNamedIn(raw: unknown): string[] {
    const into = new Set<string>();
    parametersIn(raw, into, this.namingContext);
    return [...into];
  }

  /** The template's Outputs, as written: what it exports for other stacks to import. */
  outputs(): Record<string, unknown> {
    return asRecord(this.template.Outputs) ?? {};
  }

  /** A mapping of the template's Mappings, as written: text only, by its two levels of keys; undefined where none. */
  mappingWritten(name: string): Record<string, unknown> | undefined {
    return asRecord(own(asRecord(this.template.Mappings), name));
  }

  /** The template's Conditions, as written: which conditions each names (`!Condition Other`). */
  conditionsWritten(): Record<string, unknown> {
    return asRecord(this.template.Conditions) ?? {};
  }

  /** How a reason names a parameter's value: its source, and its text unless it is a secret. */
  private valueWords(name: string): ParameterValueWords {
    const source = this.parameters.source(name);
    const declaration = asRecord(asRecord(this.template.Parameters)?.[name]);
    const text = this.parameterValueText(name);
    return {
      name,
      fromDefault: source?.origin === 'default',
      ...(text === undefined ? {} : { text }),
      secret: holdsSecret(name, declaration) || source?.noEcho === true,
    };
  }

  /** The text of a parameter's value in this scan (its default, a -p value), undefined when not known text. */
  parameterValueText(name: string): string | undefined {
    const value = this.parameters.value(name)?.value;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      return String(value);
    return Array.isArray(value) && value.every((item) => typeof item === 'string')
      ? value.join(',')
      : undefined;
  }

  /** The AllowedValues a deploy may give a parameter this scan does not know the value of (see ParameterValues). */
  allowedTexts(name: string): readonly string[] | undefined {
    return this.parameters.allowedTexts(name);
  }

  /**
   * The AllowedValues a template parameter declares, as text, whatever gives its value in this scan (a default a
   * deploy may override with one of them); undefined without them, and for one that holds a secret.
   */
  declaredAllowedTexts(name: string): readonly string[] | undefined {
    const declaration = asRecord(asRecord(this.template.Parameters)?.[name]);
    const allowed = declaration?.AllowedValues;
    if (!Array.isArray(allowed) || allowed.length === 0 || holdsSecret(name, declaration)) return undefined;
    return allowed.map((value) => (value !== null && typeof value === 'object' ? '' : String(value)));
  }

  /** Where a template parameter's value comes from in this scan, and whether it is NoEcho. */
  parameterSource(name: string): ParameterSource | undefined {
    return this.parameters.source(name);
  }

  private resolve(input: unknown): Resolved {
    // Text holding a `{{resolve:…}}` dynamic reference is not known before deploy (see model/dynamic-references.ts).
    if (typeof input === 'string') return dynamicReferenceText(input);
    if (
      input === null ||
      typeof input !== 'object' ||
      input instanceof Unknown ||
      input instanceof ResourceRef
    )
      return input;
    if (Array.isArray(input)) {
      const out: unknown[] = [];
      for (const item of input) {
        const r = this.resolve(item);
        if (r !== NO_VALUE) out.push(r);
      }
      return out;
    }
    const fn = intrinsicName(input);
    if (fn !== undefined)
      return withoutDynamicReferences(this.intrinsic(fn, (input as Record<string, unknown>)[fn], input));
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(input)) {
      const r = this.resolve(child);
      // setOwn only for `__proto__`: a call per key of every value costs in a one-shot run's cold code.
      if (r !== NO_VALUE) {
        if (key === '__proto__') setOwn(out, key, r);
        else out[key] = r;
      }
    }
    return out;
  }

  /** How deep the resolution is inside a condition's comparison, where NoEcho values are compared as they are. */
  private comparing = 0;

  /**
   * A value as a condition compares it, NoEcho parts included: for what never reaches a report (what a nested stack's
   * conditions compare and its constraints check, without printing it).
   */
  comparedValue(raw: unknown): Resolved {
    return this.comparingValues(() => this.value(raw));
  }

  /**
   * A part of a condition's comparison. Not known, made with a NoEcho value, its reason could quote what was made
   * of it (a mapping key, an export's name) in the words that say why the condition cannot be decided: not those.
   */
  private comparedPart(input: unknown): Resolved {
    const value = this.resolve(input);
    if (!isUnknown(value)) return value;
    // Every parameter it names, defaults or not (a parent's NoEcho value is no default here).
    const used = new Set<string>();
    parametersIn(input, used, this.namingContext);
    const secret = [...used].filter((name) => this.parameters.source(name)?.noEcho);
    return secret.length === 0
      ? value
      : unknown(`compares a value made with NoEcho parameter ${secret.join(', ')} (value not shown)`);
  }

  /** Runs `resolve` for a condition's comparison (see `comparing`). */
  private comparingValues<T>(resolve: () => T): T {
    this.comparing++;
    try {
      return resolve();
    } finally {
      this.comparing--;
    }
  }

  private intrinsic(fn: string, args: unknown, node: object): Resolved {
    switch (fn) {
      case 'Ref':
        return this.ref(args, node);
      case 'Fn::GetAtt':
        return this.getAtt(args, node);
      case 'Fn::Sub':
        return this.sub(args, node);
      case 'Fn::Join':
        return this.join(args, node);
      case 'Fn::If': {
        if (!Array.isArray(args) || args.length !== 3) return this.malformed(fn, node);
        const condition = this.conditions.evaluate(args[0], { node: args, key: 0 });
        if (isUnknown(condition)) return undecidedIf(args, condition);
        return this.resolve(condition ? args[1] : args[2]);
      }
      case 'Fn::Select': {
        if (!Array.isArray(args) || args.length !== 2) return this.malformed(fn, node);
        const index = Number(this.resolve(args[0]));
        const list = this.resolve(args[1]);
        if (Array.isArray(list) && Number.isInteger(index)) {
          if (index >= 0 && index < list.length) return list[index];
          // Out of range with the values parameters give (defaults, -p, a case's): a deploy with those values fails,
          // not the template. A list (and index) written in the template alone is an error CloudFormation reports:
          // a list written out item by item has its length whatever its items' values, but for an item an `Fn::If`
          // may remove.
          const listed = args[1];
          const length = Array.isArray(listed)
            ? listed.filter((item) => intrinsicName(item) === 'Fn::If')
            : [listed];
          const from = this.parametersNamedIn([args[0], ...length]);
          return from.length > 0
            ? unknown(
                outOfRangeReason(
                  index,
                  list.length,
                  from.map((name) => this.valueWords(name)),
                ),
              )
            : this.malformed(fn, node, 'index out of range');
        }
        if (isUnknown(list) && list.template === AZS_OF_REGION && Number.isInteger(index)) {
          // Same index of the same region's zones is the same zone: checks can compare these.
          return unknown(`availability zone ${index} of the region`, `\${AWS::AZs[${index}]}`);
        }
        return unknown('Fn::Select over a value not known before deploy');
      }
      case 'Fn::Split': {
        if (!Array.isArray(args) || args.length !== 2) return this.malformed(fn, node);
        const delimiter = this.resolve(args[0]);
        const text = this.resolve(args[1]);
        if (typeof delimiter === 'string' && typeof text === 'string') return text.split(delimiter);
        // A list a parent stack joined to give it (`!Join [',', [!Ref SubnetA, !Ref SubnetB]]`): its items.
        const items = typeof delimiter === 'string' ? splitJoined(text, delimiter) : undefined;
        if (items !== undefined) return items;
        const fields =
          delimiter === ':'
            ? functionArnParts(
                text,
                (id) => this.resourceType(id),
                (id) =>
                  this.resolve(asRecord(asRecord(asRecord(this.template.Resources)?.[id])?.Properties)?.Name),
              )
            : undefined;
        return fields ?? unknown('Fn::Split of a value not known before deploy');
      }
      case 'Fn::FindInMap':
        return this.findInMap(args, node);
      case 'Fn::Equals': {
        if (!Array.isArray(args) || args.length !== 2) return this.malformed(fn, node);
        const [a, b] = [this.resolve(args[0]), this.resolve(args[1])];
        // Not read as false: what CloudFormation compares it as is not documented (see noValueInConditions).
        if (a === NO_VALUE || b === NO_VALUE) return unknown(NO_VALUE_COMPARED);
        return equalValues(a, b);
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (!Array.isArray(args)) return this.malformed(fn, node);
        return combined(
          args.map((x) => this.conditions.evaluate(x)),
          fn !== 'Fn::And',
        );
      }
      case 'Fn::Not': {
        const inner = Array.isArray(args) ? args[0] : args;
        const value = this.conditions.evaluate(inner);
        return isUnknown(value) ? value : !value;
      }
      case 'Condition':
        return typeof args === 'string' ? this.conditionNamed(args, { node }) : this.malformed(fn, node);
      case 'Fn::Base64':
        return base64Of(this.resolve(args));
      case 'Fn::ToJsonString':
        this.needsLanguageExtensions(fn, node);
        return jsonTextOf(this.resolve(args)) ?? this.malformed(fn, node, 'not an object or a list');
      case 'Fn::Length':
        this.needsLanguageExtensions(fn, node);
        return lengthOf(this.resolve(args)) ?? this.malformed(fn, node, 'not a list');
      case 'Fn::ImportValue': {
        const name = toText(this.resolve(args));
        const exported = typeof name === 'string' ? this.exports.get(name) : undefined;
        // One of several stacks' values: still an import of that name, which the checks of an imported role follow.
        if (isUnknown(exported) && exported.reason.startsWith(EXPORTED_BY_SEVERAL))
          return importedFromSeveral(String(name), exported.reason);
        if (exported !== undefined) return exported;
        return imported(String(name));
      }
      case 'Fn::GetAZs':
        return unknown('availability zones of the region', AZS_OF_REGION);
      case 'Fn::Cidr':
        return unknown('CIDR blocks computed at deploy');
      case 'Fn::Transform':
        return unknown(MACRO_OUTPUT);
      default:
        // A `!Tag` CloudFormation does not know was reported where the YAML reader met it.
        if (fn.startsWith('!')) return unknown(`unknown intrinsic ${fn}`);
        if (fn.startsWith('Fn::')) {
          this.report({ message: `unknown intrinsic function "${fn}"`, node });
          return unknown(`unknown intrinsic ${fn}`);
        }
        return unknown(`unsupported ${fn}`);
    }
  }

  /**
   * Reports an intrinsic of the AWS::LanguageExtensions transform in a template that does not ask for it:
   * CloudFormation rejects it there. Resolved anyway, as the transform would.
   */
  private needsLanguageExtensions(fn: string, node: object): void {
    this.hasLanguageExtensions ??= transformNames(this.template.Transform).includes(LANGUAGE_EXTENSIONS);
    if (this.hasLanguageExtensions) return;
    this.report({
      message: `CloudFormation rejects ${fn} without the ${LANGUAGE_EXTENSIONS} transform: add it to the template's Transform (resolved and checked anyway)`,
      node,
    });
  }

  private hasLanguageExtensions: boolean | undefined;

  /** The type the template declares a resource with (undefined when it is no resource of the template). */
  private resourceType(logicalId: string): string | undefined {
    if (!this.resourceIds.has(logicalId)) return undefined;
    const type = asRecord(asRecord(this.template.Resources)?.[logicalId])?.Type;
    return typeof type === 'string' ? type : undefined;
  }

  private ref(name: unknown, node: object, inSub = false): Resolved {
    if (typeof name !== 'string') return this.malformed('Ref', node);
    if (name === 'AWS::NoValue') return NO_VALUE;
    const pseudo = PSEUDO_UNKNOWNS.get(name);
    if (pseudo) return pseudo;
    const param = this.parameters.value(name, this.comparing > 0);
    if (param) {
      // A NoEcho value is known only to the conditions that compare it. Anywhere else checks would quote it, or what
      // they make of it (a runtime's "did you mean", a principal's service name, a method in capitals, a list's
      // items), which no filter of the reports could tell apart. Not known, its default is not used either.
      if (this.comparing === 0 && this.parameters.source(name)?.noEcho)
        return unknown(`from parameter ${name}, which is NoEcho (value not shown)`, `\${${name}}`);
      if (param.assumed) this.assumed.add(name);
      return param.value;
    }
    if (this.resourceIds.has(name)) return new ResourceRef(name);
    const sam = this.samProperty(name, undefined);
    if (sam !== undefined) return sam;
    this.report({ message: this.undefinedRefMessage(name, inSub), node });
    return unknown(`Ref to undefined ${name}`, `\${${name}}`);
  }

  /**
   * Why `Ref: name` (`${name}` of an `Fn::Sub` when `inSub`) names nothing of the template; undefined when it names
   * a parameter, a pseudo parameter, a resource (those SAM generates, and the ids a loop or an inclusion may make,
   * included) or a SAM referenceable property (`Fn.Alias`). Reads no value and decides no condition.
   */
  undefinedName(name: string, inSub = false): string | undefined {
    const defined =
      name === 'AWS::NoValue' ||
      PSEUDO_UNKNOWNS.has(name) ||
      this.parameters.has(name) ||
      this.resourceIds.has(name) ||
      this.samProperties.has(name);
    return defined ? undefined : this.undefinedRefMessage(name, inSub);
  }

  /** Whether `name` (`Fn.Alias`) is a SAM referenceable property: `${Fn.Alias}` names the alias, no attribute of Fn. */
  isSamProperty(name: string): boolean {
    return this.samProperties.has(name);
  }

  /** Why `Fn::GetAtt [id, attribute]` names no resource of the template; undefined when it names one. */
  undefinedGetAtt(id: string, attribute: string | undefined): string | undefined {
    if (this.resourceIds.has(id)) return undefined;
    // `!GetAtt Fn.Alias.Arn`: SAM's referenceable property, then its attribute.
    const property = attribute?.split('.')[0];
    if (property !== undefined && this.samProperties.has(`${id}.${property}`)) return undefined;
    return `Fn::GetAtt to "${id}", which is not a resource of this template`;
  }

  private undefinedRefMessage(name: string, inSub: boolean): string {
    // `AWS::Timestamp` is no pseudo parameter: say which are.
    const [head, property] = name.split('.');
    const pseudoHint = name.startsWith('AWS::')
      ? ` (the pseudo parameters are ${[...Object.keys(PSEUDO_PARAMETERS), 'AWS::NoValue'].sort().join(', ')})`
      : head !== undefined && (property === 'Alias' || property === 'Version') && this.resourceIds.has(head)
        ? ` (SAM makes ${head}.${property} only for a SAM function with AutoPublishAlias)`
        : '';
    return inSub
      ? `\${${name}} in Fn::Sub names "${name}", which is neither a parameter, a resource nor a variable of the Sub${pseudoHint}`
      : `Ref to "${name}", which is neither a parameter nor a resource of this template${pseudoHint}`;
  }

  private getAtt(args: unknown, node: object): Resolved {
    let parts: unknown[] | undefined;
    if (Array.isArray(args)) parts = args;
    else if (typeof args === 'string') parts = args.split(/\.(.*)/s, 2);
    if (!parts || parts.length < 2) return this.malformed('Fn::GetAtt', node);
    const id = parts[0];
    const attribute = this.resolve(parts[1]);
    if (typeof id !== 'string') return this.malformed('Fn::GetAtt', node);
    const sam = this.samGetAtt(id, attribute);
    if (sam !== undefined) return sam;
    const undefinedId = this.undefinedGetAtt(id, undefined);
    if (undefinedId !== undefined) {
      this.report({ message: undefinedId, node });
      return unknown(`GetAtt to undefined ${id}`);
    }
    if (typeof attribute !== 'string') return new ResourceRef(id);
    return this.nestedOutputs.get(`${id}.${attribute}`) ?? new ResourceRef(id, attribute);
  }

  private sub(args: unknown, node: object): Resolved {
    let text: unknown = args;
    let variables: Record<string, unknown> = {};
    if (Array.isArray(args)) {
      text = args[0];
      variables = asRecord(args[1]) ?? {};
    }
    if (typeof text !== 'string') return this.malformed('Fn::Sub', node);
    // Each variable resolved once, however often the text names it: an Fn::Sub naming its variable ten times,
    // itself an Fn::Sub, would resolve the innermost ten times more each level.
    const resolved = new Map<string, Resolved>();
    return substitute(text, (name) => {
      if (Object.hasOwn(variables, name)) {
        if (!resolved.has(name)) resolved.set(name, this.resolve(variables[name]));
        return resolved.get(name);
      }
      if (name.includes('.') && !name.startsWith('AWS::')) {
        // `${Fn.Alias}` is the alias's Ref, `${Fn.Alias.Arn}` its attribute: SAM rewrites both before deploy.
        const [id, property, ...attribute] = name.split('.');
        const sam = this.samProperty(`${id}.${property}`, attribute.join('.') || undefined);
        if (sam !== undefined) return sam;
        const dot = name.indexOf('.');
        return this.getAtt([name.slice(0, dot), name.slice(dot + 1)], node);
      }
      return this.ref(name, node, true);
    });
  }

  /**
   * What a SAM referenceable property (`Fn.Alias`) names, or its `attribute`: the generated resource, or an Unknown
   * saying what it is when Parapet does not know its logical id. Undefined when the name is no such property.
   */
  private samProperty(name: string, attribute: string | undefined): Resolved | undefined {
    const target = this.samProperties.get(name);
    if (target === undefined) return undefined;
    if ('id' in target) return new ResourceRef(target.id, attribute);
    // No `${...}` shape: `${Api.Deployment}` would read as a reference to the API itself.
    return unknown(attribute === undefined ? target.generated : `${attribute} of ${target.generated}`);
  }

  /**
   * `!GetAtt Fn.Alias.Arn` (`[Fn, Alias.Arn]` once parsed) or `[Fn.Alias, Arn]`: SAM reads the parts joined by
   * dots as the resource, the property and the attribute, and rewrites them before CloudFormation reads them.
   */
  private samGetAtt(id: string, attribute: unknown): Resolved | undefined {
    if (this.samProperties.size === 0 || typeof attribute !== 'string') return undefined;
    const [resource, property, ...rest] = `${id}.${attribute}`.split('.');
    if (rest.length === 0) return undefined;
    return this.samProperty(`${resource}.${property}`, rest.join('.'));
  }

  private join(args: unknown, node: object): Resolved {
    if (!Array.isArray(args) || args.length !== 2) return this.malformed('Fn::Join', node);
    const delimiter = this.resolve(args[0]);
    const list = this.resolve(args[1]);
    if (typeof delimiter !== 'string') return this.malformed('Fn::Join', node);
    if (!Array.isArray(list)) return unknown('Fn::Join over a list not known before deploy');
    return joinText(list, delimiter);
  }

  private findInMap(args: unknown, node: object): Resolved {
    if (!Array.isArray(args) || args.length < 3) return this.malformed('Fn::FindInMap', node);
    const mapName = this.resolve(args[0]);
    const second = this.resolve(args[2]);
    // The defaults resolving the top-level key assumes, told apart from those of the map's name and second key.
    const assumedBefore = this.assumed.size === 0 ? undefined : new Set(this.assumed);
    const top = this.resolve(args[1]);
    const fallback = asRecord(args[3])?.DefaultValue;
    // A DefaultValue stands for every key the map lacks: the map's values are then not all it can give.
    if (
      typeof mapName === 'string' &&
      (isUnknown(top) || typeof top === 'string') &&
      typeof second === 'string' &&
      fallback === undefined
    ) {
      const values = this.valuesUnder(mapName, second);
      // Whatever the key, one value (a key in no entry fails the deploy): the parameter that chose the key decides
      // nothing, so the value assumes no default of it. A known key no entry has is left to the reasons below.
      const mapping = this.mappingWritten(mapName);
      if (values?.length === 1 && (isUnknown(top) || own(mapping, top) !== undefined)) {
        for (const name of this.assumed) if (!assumedBefore?.has(name)) this.assumed.delete(name);
        return values[0];
      }
      // One of them, as text (a Number property's as a Number parameter's AllowedValues are): checks may judge each.
      if (isUnknown(top) && values !== undefined) {
        return unknown(
          `Fn::FindInMap over ${mapName}, its key not known before deploy: ${top.reason}`,
          undefined,
          { oneOf: [...new Set(values.map(String))].sort() },
        );
      }
    }
    if (typeof mapName !== 'string' || typeof top !== 'string' || typeof second !== 'string') {
      return unknown('Fn::FindInMap with a key not known before deploy');
    }
    const mapping = this.mappingWritten(mapName);
    const found = own(asRecord(own(mapping, top)), second);
    if (found === undefined) {
      if (fallback !== undefined) return this.resolve(fallback);
      // Keys parameter values give (defaults, -p, a case's): a deploy with those values fails, not the template. A
      // mapping no key could reach (its name, or a second key no entry has, written in the template) is an error.
      const secondNowhere =
        mapping !== undefined &&
        !Object.values(mapping).some((entry) => own(asRecord(entry), second) !== undefined);
      const deciding =
        mapping === undefined ? [args[0]] : secondNowhere ? [args[0], args[2]] : args.slice(0, 3);
      const from = this.parametersNamedIn(deciding);
      const path = `${mapName}.${top}.${second}`;
      if (from.length > 0)
        return unknown(
          missingMappingReason(
            path,
            from.map((name) => this.valueWords(name)),
          ),
        );
      this.report({ message: `Fn::FindInMap: ${mapName}.${top}.${second} is not in Mappings`, node });
      return unknown(`missing mapping ${mapName}.${top}.${second}`);
    }
    return this.resolve(found);
  }

  /**
   * The distinct values every entry of a mapping has under `second`, when each entry has one that is text, a number
   * or a boolean (CDK's `LatestNodeRuntimeMap`: a runtime per region; a log retention per environment); undefined
   * when an entry lacks it or holds anything else. `3` and `'3'` are two values here.
   */
  private valuesUnder(mapName: string, second: string): (string | number | boolean)[] | undefined {
    const mapping = this.mappingWritten(mapName);
    if (mapping === undefined) return undefined;
    const values = new Set<string | number | boolean>();
    for (const key of Object.keys(mapping)) {
      const value = this.resolve(own(asRecord(own(mapping, key)), second));
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        return undefined;
      values.add(value);
    }
    return values.size === 0 ? undefined : [...values].sort();
  }

  private malformed(fn: string, node: object, detail = 'wrong arguments'): Unknown {
    this.report({ message: `malformed ${fn}: ${detail}`, node });
    return unknown(`malformed ${fn}`);
  }
}

/**
 * What an `Fn::If` on a condition not known before deploy gives: a value that names the condition; when both
 * branches are written as text (`!If [IsChina, events.amazonaws.com.cn, events.amazonaws.com]`), one of those
 * texts, which checks may judge each (as the values of an `Fn::FindInMap` over the region). Branches that are
 * intrinsics are not resolved here: an error in one would be reported of every deploy, not only of those that
 * take it.
 */
function undecidedIf(args: readonly unknown[], condition: Unknown): Unknown {
  const reason = `depends on condition ${String(args[0])}: ${condition.reason}`;
  const [yes, no] = [args[1], args[2]];
  // A condition CloudFormation rejects gives no deploy at all: nothing to judge either branch in.
  if (typeof yes !== 'string' || typeof no !== 'string' || isMistakenCondition(condition))
    return unknown(reason);
  return unknown(reason, undefined, { oneOf: yes === no ? [yes] : [yes, no] });
}
