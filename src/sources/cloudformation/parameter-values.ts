import type { SsmParameterRead } from '../../model/lambda.js';
import { type Unknown, unknown, withKeepsOut } from '../../model/values.js';
import { asRecord, isNoEcho, type ParameterInfo, parameterText, type Resolved } from './intrinsic-values.js';
import { splitJoined } from './joined-values.js';
import { keepsWildcardsOut, keptOut } from './parameter-constraints.js';
import { holdsSecret } from './parameters.js';

/** The parameter type whose value CloudFormation reads from an SSM String parameter at deploy. */
const SSM_STRING = 'AWS::SSM::Parameter::Value<String>';
/** A number read from an SSM String parameter (cfn-lint lists the type; CloudFormation does not check the value). */
const SSM_NUMBER = 'AWS::SSM::Parameter::Value<Number>';
/** The parameter types whose value CloudFormation reads from an SSM StringList (or comma-parted String) parameter. */
const SSM_LISTS: ReadonlySet<string> = new Set([
  'AWS::SSM::Parameter::Value<List<String>>',
  'AWS::SSM::Parameter::Value<CommaDelimitedList>',
]);

/**
 * Whether a parameter of this type holds the name (key) of an SSM parameter whose value CloudFormation reads at deploy
 * (every `AWS::SSM::Parameter::Value<…>`): `Ref` gives that value, while the parameter's constraints (AllowedValues,
 * AllowedPattern) are about the name given.
 */
export function readsFromSsm(type: unknown): boolean {
  return typeof type === 'string' && type.startsWith('AWS::SSM::Parameter::Value');
}

/**
 * `AWS::EC2::Image::Id` of an AWS-specific parameter type, read from SSM or not, one or a list
 * (`AWS::SSM::Parameter::Value<List<AWS::EC2::Image::Id>>`): undefined for any other type.
 */
function resourceIdType(type: string): string | undefined {
  const inner = /^AWS::SSM::Parameter::Value<(.*)>$/.exec(type)?.[1] ?? type;
  const item = /^List<(.*)>$/.exec(inner)?.[1] ?? inner;
  return item.startsWith('AWS::') ? item : undefined;
}

/** Where a parameter's value comes from in a scan: its default, given with -p, or known only at deploy. */
export type ParameterOrigin = 'default' | 'given' | 'deploy';

/** Where a parameter's value comes from in a scan (see ValueParameter, which checks read). */
export interface ParameterSource {
  readonly origin: ParameterOrigin;
  readonly noEcho: boolean;
  readonly listed?: true;
  readonly empty?: true;
  /** Text a parent stack gives: who gives it (`the parent stack app.yaml (resource Api)`). */
  readonly givenBy?: string;
  /** The parent made that value with a NoEcho parameter of its own (never given as text). */
  readonly parentNoEcho?: true;
  /** An `AWS::SSM::Parameter::Value<String>` parameter (or of a list of strings): the SSM parameter it reads at deploy. */
  readonly fromSsm?: SsmParameterRead;
  /** An AWS-specific type (ValueParameter.resourceId): the type of resource whose id or name it holds. */
  readonly resourceId?: string;
  /** Of such a parameter, the ids or names its value known here gives (ValueParameter.resourceIdTexts). */
  readonly resourceIdTexts?: readonly string[];
}

/** The text a parent stack gives a nested template's parameters, as ParameterValues reads it. */
export interface ParentText {
  /** The parameters given text by the parent. */
  readonly names?: ReadonlySet<string>;
  /** Who gives it, as findings name it. */
  readonly by?: string;
  /** Those whose text the parent took from its own parameters' defaults: assumed, as defaults are. */
  readonly defaults?: ReadonlySet<string>;
  /**
   * Those given a value made with a NoEcho parameter of the parent (never as text: see ParentGift.noEcho), with
   * where the parent's value comes from: as secret as a NoEcho value of this template, from there.
   */
  readonly noEcho?: ReadonlyMap<string, ParameterOrigin>;
  /** Of `noEcho`, the text the parent knows: compared in conditions and checked against constraints, never shown. */
  readonly noEchoTexts?: Readonly<Record<string, string>>;
}

/**
 * A template's parameters as one scan sees them: each one's type and the value `Ref` to it gives, taken
 * from a parent stack, from -p, from its default, or not known before deploy.
 */
export class ParameterValues {
  private readonly parameters = new Map<string, ParameterInfo>();
  /** The resource type an AWS-specific parameter holds an id of (see resourceIdType), worked out once per parameter. */
  private readonly resourceIds = new Map<string, string>();
  /** Names given with -p, not those a parent stack took from its own defaults (those are assumed). */
  private readonly overrides: Set<string>;

  constructor(
    private readonly declarations: Record<string, unknown>,
    overrides: Readonly<Record<string, string>>,
    private readonly fromParent: Readonly<Record<string, Unknown>>,
    /** What a parent stack gives as text: who gives it, and which of it it took from defaults or NoEcho values. */
    private readonly parentText: ParentText = {},
    /** Parameters that name a resource the template creates, whose names hold no wildcard (see parametersNamingResources). */
    private readonly namingResources: ReadonlySet<string> = new Set(),
    /** Parameters the case of the conditions scanned keeps from being empty, with the condition that does (nonEmptyInCase). */
    private readonly nonEmpty: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const [name, raw] of Object.entries(declarations)) {
      const decl = asRecord(raw) ?? {};
      const type = typeof decl.Type === 'string' ? decl.Type : 'String';
      const info: ParameterInfo = Object.hasOwn(overrides, name)
        ? { type, default: overrides[name] }
        : // A list or mapping as Default is no value: CloudFormation rejects it (see checkParameterValues).
          {
            type,
            default: decl.Default !== null && typeof decl.Default === 'object' ? undefined : decl.Default,
          };
      this.parameters.set(name, info);
      const resourceId = resourceIdType(type);
      if (resourceId !== undefined) this.resourceIds.set(name, resourceId);
    }
    const defaults = parentText.defaults;
    this.overrides = new Set(Object.keys(overrides).filter((name) => defaults?.has(name) !== true));
  }

  has(name: string): boolean {
    return this.parameters.has(name);
  }

  /** Whether resolving `Ref: name` uses a default (and so the Resolver records it in `assumed`). */
  assumesDefault(name: string): boolean {
    const param = this.parameters.get(name);
    return (
      param !== undefined &&
      param.default !== undefined &&
      !this.overrides.has(name) &&
      !Object.hasOwn(this.fromParent, name) &&
      !readsFromSsm(param.type)
    );
  }

  /** Where a parameter's value comes from in this scan, and whether it is NoEcho. */
  source(name: string): ParameterSource | undefined {
    const param = this.parameters.get(name);
    if (param === undefined) return undefined;
    const declaration = asRecord(this.declarations[name]);
    const noEcho = isNoEcho(declaration) || this.parentText.noEcho?.has(name) === true;
    // AllowedValues: the value is one of those the template lists, in plain sight.
    const listed = Array.isArray(declaration?.AllowedValues) ? ({ listed: true } as const) : {};
    // An AWS-specific type: the id or name of a resource of the account, whatever its origin.
    const resourceId = this.resourceIds.get(name);
    const declared = { ...listed, ...(resourceId === undefined ? {} : { resourceId }) };
    let origin: ParameterOrigin = 'deploy';
    const parentNoEcho = this.parentText.noEcho?.get(name);
    if (parentNoEcho !== undefined) {
      const by = this.parentText.by;
      return {
        origin: parentNoEcho,
        noEcho,
        ...declared,
        ...(by ? { givenBy: by } : {}),
        parentNoEcho: true,
      };
    }
    if (Object.hasOwn(this.fromParent, name) || readsFromSsm(param.type))
      return { origin, noEcho, ...declared, ...this.ssmRead(name, param) };
    // A value given with -p is the scan's, default or not: its text is in what the template resolves to.
    if (this.overrides.has(name)) origin = 'given';
    else if (param.default !== undefined) origin = 'default';
    const empty =
      origin === 'default' && parameterText(param.default) === '' ? ({ empty: true } as const) : {};
    const { by, names } = this.parentText;
    const givenBy = by !== undefined && names?.has(name) ? { givenBy: by } : {};
    const texts = resourceId === undefined ? {} : this.resourceIdTexts(name);
    return { origin, noEcho, ...declared, ...empty, ...givenBy, ...texts };
  }

  /** The ids or names an AWS-specific parameter's known value gives (its default, a -p value), one per item. */
  private resourceIdTexts(name: string): { resourceIdTexts?: readonly string[] } {
    const value = this.value(name)?.value;
    const items = Array.isArray(value) ? value : [value];
    const texts = items.filter((item): item is string => typeof item === 'string' && item !== '');
    return texts.length === 0 || texts.length !== items.length ? {} : { resourceIdTexts: texts };
  }

  /**
   * The SSM parameter a `AWS::SSM::Parameter::Value<String>` parameter, or one of a list of strings or of a number,
   * reads at deploy: its default or `-p` value names it (a parent stack's value or none: named at deploy). Not an AWS-specific type,
   * which holds no free text (ParameterSource.resourceId).
   */
  private ssmRead(name: string, param: ParameterInfo): { fromSsm?: SsmParameterRead } {
    const list = SSM_LISTS.has(param.type) ? ({ list: true } as const) : {};
    const number = param.type === SSM_NUMBER ? ({ number: true } as const) : {};
    if (param.type !== SSM_STRING && !('list' in list) && !('number' in number)) return {};
    const read = { ...list, ...number };
    if (Object.hasOwn(this.fromParent, name) || param.default === undefined) return { fromSsm: read };
    const given = this.overrides.has(name) ? ({ given: true } as const) : {};
    return { fromSsm: { path: parameterText(param.default), ...given, ...read } };
  }

  /**
   * The value `Ref: name` gives, and whether it is a default a deploy may override (`assumed`);
   * undefined when `name` is not a parameter.
   */
  value(
    name: string,
    /** For a condition's comparison: a parent's NoEcho value is compared as it is (no report prints it). */
    comparing = false,
  ): { readonly value: Resolved; readonly assumed: boolean } | undefined {
    const param = this.parameters.get(name);
    if (param === undefined) return undefined;
    const secretText = comparing ? this.parentText.noEchoTexts : undefined;
    if (secretText !== undefined && Object.hasOwn(secretText, name)) {
      return { value: secretText[name] as string, assumed: this.parentText.noEcho?.get(name) === 'default' };
    }
    if (readsFromSsm(param.type)) {
      const value = unknown(`from parameter ${name}, read from SSM Parameter Store at deploy`, `\${${name}}`);
      return { value, assumed: false };
    }
    // A parent stack's value is what the deploy uses, whatever the template's own default says.
    // One a parent took from a default of its own (or, of several nestings, one did for one of its texts) is assumed.
    if (Object.hasOwn(this.fromParent, name)) {
      const given = this.fromParent[name] as Unknown;
      // A list the parent joined with commas (see Joined) is its items, each trimmed as a default's are.
      const items = isListType(param.type) ? splitJoined(given, ',') : undefined;
      return {
        value:
          items?.map((item) => (typeof item === 'string' ? item.trim() : item)) ?? this.inCase(name, given),
        assumed: this.parentText.defaults?.has(name) === true,
      };
    }
    if (param.default === undefined) {
      // Its constraints may still say it is never a wildcard: an ARN made with it then names what it names.
      const noWildcard =
        keepsWildcardsOut(this.declarations[name]) || this.namingResources.has(name) ? [name] : undefined;
      // And they may refuse an empty value, or an AWS managed key's alias: the KMS key checks read that.
      const refused = keptOut(name, this.declarations[name], this.nonEmpty.get(name));
      const reason = `from parameter ${name}, which has no default`;
      const value = unknown(reason, `\${${name}}`, { noWildcard, keepsOut: refused });
      return { value, assumed: false };
    }
    const assumed = !this.overrides.has(name);
    const text = parameterText(param.default);
    if (isListType(param.type)) {
      return { value: text === '' ? [] : text.split(',').map((s) => s.trim()), assumed };
    }
    return { value: param.default, assumed };
  }

  /**
   * The texts a deploy may give a String or Number parameter whose value this scan does not know (no default, none
   * given with -p or by a parent stack): its AllowedValues, for CloudFormation refuses any other. Undefined without
   * them, and for a parameter that holds a secret, whose constraints are not printed (see parameters.ts).
   */
  allowedTexts(name: string): readonly string[] | undefined {
    const param = this.parameters.get(name);
    if (param === undefined || param.default !== undefined || Object.hasOwn(this.fromParent, name))
      return undefined;
    if (param.type !== 'String' && param.type !== 'Number') return undefined;
    const declaration = asRecord(this.declarations[name]);
    if (holdsSecret(name, declaration) || this.parentText.noEcho?.has(name) === true) return undefined;
    const allowed = declaration?.AllowedValues;
    if (!Array.isArray(allowed) || allowed.length === 0) return undefined;
    if (allowed.some((value) => value === null || typeof value === 'object')) return undefined;
    return [...new Set(allowed.map(parameterText))];
  }

  /**
   * A value not known before deploy (a parent's, or the case's "other than its default ''") as the case of the
   * conditions scanned reads it: never empty where a condition there says so (`UseKms` holds: KeyArn is not '').
   */
  private inCase(name: string, value: Unknown): Unknown {
    const by = this.nonEmpty.get(name);
    if (by === undefined || value.keepsOut?.empty) return value;
    const refused = keptOut(name, this.declarations[name], by);
    if (refused === undefined) return value;
    const awsManagedAliases = refused.awsManagedAliases || value.keepsOut?.awsManagedAliases === true;
    return withKeepsOut(value, { ...refused, awsManagedAliases });
  }
}

/** A parameter whose value is a list of the comma-separated text it is given: CommaDelimitedList, `List<...>`. */
function isListType(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<');
}
