import type { ScanError } from '../../../findings/finding.js';
import { dynamicReferenceText } from '../../../model/dynamic-references.js';
import type { Reference } from '../../../model/lambda.js';
import { defaultSecurityGroupOf } from '../../../model/network.js';
import { own } from '../../../model/own.js';
import type { FileSource, Locator, SourceRef, WrittenItem } from '../../../model/source.js';
import { invalid, isUnknown, Unknown, unknown, type Value } from '../../../model/values.js';
import { asRecord, intrinsicName, ResourceRef, toText } from '../intrinsic-values.js';
import { AZS_OF_REGION, type Resolver } from '../intrinsics.js';
import type { InvalidJson, JsonLeniency } from '../json.js';
import { loneResourceReference } from '../lone-reference.js';
import { MAX_NESTING, tooDeepTextMessage } from '../nesting-depth.js';
import { customValueWords, isCustomResourceType } from '../resource-types.js';
import { fixedText } from '../text-intrinsics.js';
import { type Expected, InvalidValues, type ShownPlace } from './invalid-values.js';
import {
  locatingTexts,
  type ParsedJsonText,
  placeParsed,
  policyTextValue,
  readJsonText,
  type TextPlace,
} from './json-text.js';
import { type FixedForm, intendedValue, logicalIdTextProblem } from './logical-id-text.js';
import { textNamingResource } from './parameter-text.js';
import type { BaseFields } from './types.js';

const ONE_STRING_INTRINSICS = new Set(['Fn::Sub', 'Fn::Join']);

/**
 * What a resource mapper works with: the resolver and the raw (parsed) properties, plus small
 * readers that turn raw values into model values. Mappers read raw objects and resolve leaves, so
 * every model value can point back at the object the user wrote.
 */
export class MapContext {
  /** The resource being read (set once per resource): whom an invalid value's error names. */
  private resourceId: string | undefined;
  private resourceProps: object | undefined;
  private resourceBase: BaseFields | undefined;
  /** Above 0 inside a value CloudFormation takes as JSON (a policy document): it checks no types there. */
  private jsonDepth = 0;
  private readonly invalidValues: InvalidValues;
  /**
   * The lists being read whose items the template does not write (`Targets: !Ref Names`, a CommaDelimitedList), as
   * written and as given, innermost last: an item of a kind CloudFormation refuses is blamed on the list.
   */
  private readonly givenLists: { readonly raw: object; readonly items: readonly unknown[] }[] = [];

  /** Locates the template's objects, and those parsed from JSON text it writes (see jsonText). */
  readonly locator: Locator;
  /** Where each map and list parsed from JSON text (jsonText) is written. */
  private readonly textPlaces = new WeakMap<object, TextPlace>();

  constructor(
    readonly resolver: Resolver,
    locator: Locator,
    /** Where template errors go (a value CloudFormation refuses), and the resources to look for it in. */
    errors: {
      report(error: ScanError): void;
      resources: Record<string, unknown>;
      /** The type the user wrote resource `id` as, where a transform expanded it in place (AWS::Serverless::LayerVersion). */
      writtenType?: (id: string) => string | undefined;
    } = {
      report: () => {},
      resources: {},
    },
    /** What a SAM expansion made each generated inline policy from (see SamExpansion.policyTemplates). */
    private readonly policyTemplates?: ReadonlyMap<object, string>,
    /** Each SAM function's DeploymentPreference.Alarms as written (see SamExpansion.rollbackAlarms). */
    readonly rollbackAlarms: ReadonlyMap<string, unknown> = new Map(),
  ) {
    this.locator = locatingTexts(locator, this.textPlaces);
    this.invalidValues = new InvalidValues(this.locator, errors.report);
    this.resources = errors.resources;
    this.report = errors.report;
    this.writtenType = errors.writtenType ?? (() => undefined);
  }

  private readonly writtenType: (id: string) => string | undefined;

  private readonly report: (error: ScanError) => void;

  /** How many `silently` reads are running: while any is, no template error is reported. */
  private muted = 0;

  /**
   * Runs `read` without reporting any problem of what it reads: the resolver's (see Resolver.quietly), and the values
   * CloudFormation or a service refuses. For a declaration the parameters' defaults leave out, read for what another
   * deploy may attach: a problem there is told where the scan explores the case that creates it (and says so).
   */
  silently<T>(read: () => T): T {
    this.muted++;
    try {
      return this.resolver.quietly(read);
    } finally {
      this.muted--;
    }
  }

  private readonly resources: Record<string, unknown>;

  /** The declaration of resource `id` of this template, if it has one (a lookup, not a walk). */
  declarationOf(id: string): Record<string, unknown> | undefined {
    return asRecord(own(this.resources, id));
  }

  /** The template's declarations of resources of `type` (`AWS::CloudWatch::CompositeAlarm`), by logical id. */
  declarationsOfType(type: string): [string, Record<string, unknown>][] {
    const found: [string, Record<string, unknown>][] = [];
    for (const [id, resource] of Object.entries(this.resources)) {
      const declaration = asRecord(resource);
      if (declaration?.Type === type) found.push([id, declaration]);
    }
    return found;
  }

  /**
   * Whether a raw value is the same in every deploy of the template, whatever its parameters and conditions:
   * text it fixes (fixedText), or a `Ref` / `Fn::GetAtt` of one of its resources (what names a managed policy
   * of the template). What identifies a finding may rest on such a value (see PolicyPlace).
   */
  fixed(raw: unknown): boolean {
    if (fixedText(raw)) return true;
    const fn = intrinsicName(raw);
    const arg = fn === undefined ? undefined : (raw as Record<string, unknown>)[fn];
    const target =
      fn === 'Ref'
        ? arg
        : fn === 'Fn::GetAtt'
          ? Array.isArray(arg)
            ? arg[0]
            : String(arg).split('.')[0]
          : undefined;
    return typeof target === 'string' && Object.hasOwn(this.resources, target);
  }

  /**
   * Where each of the `count` items read of the list `raw` (with `list`, `strings`, `references`) is written, and
   * whether each is fixed (see WrittenItem); undefined when they cannot be aligned. `written` is false where what
   * holds the list is chosen by an intrinsic (an `!If`): no item of it is fixed then. A single value
   * (`!Ref Accounts`) may be a list of several: each is fixed as the value is.
   */
  writtenItems(raw: unknown, count: number, written = true): WrittenItem[] | undefined {
    if (!Array.isArray(raw)) {
      const fixed = written && this.fixed(raw);
      return Array.from({ length: count }, (_, index) => ({ index, fixed }));
    }
    // Most lists are plain text (`Service: [lambda.amazonaws.com]`): no item to resolve again.
    if (raw.length === count && raw.every((entry) => typeof entry === 'string'))
      return raw.map((_, index) => ({ index, fixed: written }));
    const items = this.list(
      raw,
      (entry, index): WrittenItem => ({ index, fixed: written && this.fixed(entry) }),
    );
    return isUnknown(items) || items.length !== count ? undefined : items;
  }

  /**
   * Where the items of `read` (a list read from `raw`) are written (see writtenItems), kept only where that tells
   * more than their place in `read`: an item an `!If` or `!Ref AWS::NoValue` removed before one, or an item
   * whose value is not fixed. Undefined otherwise (most lists), or when they cannot be aligned.
   */
  placesOf(raw: unknown, read: Value<readonly unknown[]>): readonly WrittenItem[] | undefined {
    if (isUnknown(read) || read.length === 0) return undefined;
    const items = this.writtenItems(raw, read.length);
    return items?.some((item, index) => item.index !== index || !item.fixed) ? items : undefined;
  }

  /** Says which resource the readers read for next: `props` are its (raw) Properties, `base` where it was written. */
  reading(id: string | undefined, props: object | undefined, base?: BaseFields): void {
    this.resourceId = id;
    this.resourceProps = props;
    this.resourceBase = base;
  }

  /**
   * Runs `read` over a value CloudFormation takes as JSON (a policy document, an OpenAPI body): the service
   * judges what is inside at deploy, not CloudFormation, so no value there is a template error.
   */
  withinJson<T>(read: () => T): T {
    this.jsonDepth++;
    try {
      return read();
    } finally {
      this.jsonDepth--;
    }
  }

  /**
   * The JSON text `text` of property `key` of `parent` (CloudFormation takes a policy document as a string too),
   * parsed; undefined where it is not JSON. Text nesting deeper than the scan's walks follow is a scan error at the
   * property, naming the resource, and Unknown: the rest of the template is checked.
   */
  jsonText(parent: object, key: string, text: string): Value<unknown> | undefined {
    const read = this.readJson(parent, key, text);
    if (isUnknown(read)) return read;
    return 'value' in read ? read.value : undefined;
  }

  /**
   * The JSON text `text` of property `key` of `parent`, read by readJsonText (strictly, unless `leniency` says more).
   * Text nesting deeper than the scan's walks follow is a scan error at the property, naming the resource (see
   * tooDeepText), and Unknown.
   */
  readJson(
    parent: object,
    key: string,
    text: string,
    leniency?: JsonLeniency,
  ): ParsedJsonText | { readonly invalid: InvalidJson } | Unknown {
    const read = readJsonText(text, leniency);
    return 'tooDeep' in read ? this.tooDeepText(parent, key, read.tooDeep) : read;
  }

  /**
   * Reports the JSON text of property `key` of `parent` as nesting deeper than the scan reads (`path`, the keys
   * down to where it does), naming the resource, and gives the Unknown it is read as.
   */
  tooDeepText(parent: object, key: string, path: readonly (string | number)[]): Unknown {
    const reason = `${key} nests deeper than ${MAX_NESTING} levels, which Parapet does not read`;
    // Read again for each resource that looks at it (each method of a REST API reads the API's Policy): told once.
    const told = this.tooDeepTold.get(parent);
    if (told?.has(key)) return unknown(reason);
    this.tooDeepTold.set(parent, new Set([...(told ?? []), key]));
    const problem = tooDeepTextMessage(key, path);
    // The resource whose Properties hold it, which may be another than the one being read.
    const holder = Object.entries(this.resources).find(([, r]) => asRecord(r)?.Properties === parent)?.[0];
    const owner =
      holder === undefined || holder === this.resourceId
        ? (this.resourceBase?.generatedBy?.id ?? this.resourceId)
        : holder;
    this.report({
      kind: 'parse',
      message: owner === undefined ? problem : `${owner}: ${problem}`,
      file: this.locator.file,
      ...(this.locator.locate(parent, key) ?? this.locator.locate(parent)),
      ...(owner === undefined ? {} : { resource: owner }),
    });
    return unknown(reason);
  }

  /** The properties (by the object holding them) whose JSON text tooDeepText has told of. */
  private readonly tooDeepTold = new Map<object, Set<string>>();

  /**
   * The value of the JSON `text` a template writes at `place` (a `Json` property given as a string: a policy document),
   * each of its maps and lists located there (inside the text where the file writes it as is, else at the property:
   * locatingTexts), a map reading as an intrinsic Unknown (policyTextValue); Unknown, naming `what` and the fault,
   * when it is not JSON (the finding that reads it says why it is not known). Text nesting
   * deeper than json.ts reads is a scan error at the property, as jsonText reports it.
   */
  jsonTextAt(text: string, place: TextPlace, what: string): Value<unknown> {
    const read = this.readJson(place.node, propertyName(place, what), text);
    if (isUnknown(read)) return read;
    if ('invalid' in read) {
      const { found, line, column } = read.invalid;
      return unknown(
        `${what} is not JSON Parapet can read (${found} at line ${line}, column ${column} of it)`,
      );
    }
    const value = policyTextValue(read, text, what);
    placeParsed(value, place, this.textPlaces);
    return value;
  }

  /** The SAM policy template a generated inline policy (the `{ PolicyName, PolicyDocument }` object) was made from. */
  policyTemplate(node: object): string | undefined {
    return this.policyTemplates?.get(node);
  }

  source(node: object, key?: string | number): FileSource {
    return key === undefined
      ? { file: this.locator.file, locator: this.locator, node }
      : { file: this.locator.file, locator: this.locator, node, key };
  }

  /**
   * A string property: known, absent (undefined) or Unknown. A number or a boolean is text to CloudFormation
   * (`Handler: 3`); a list or a mapping is refused.
   */
  string(raw: unknown): Value<string | undefined> {
    // Most properties are written as text: nothing to resolve but a dynamic reference.
    if (typeof raw === 'string') return dynamicReferenceText(raw);
    const value = this.resolver.value(raw);
    if (typeof value === 'string') return value;
    if (isPlainData(value)) return this.refuse(raw, value, 'text');
    // `AvailabilityZone: !GetAZs ''` is a list (of the region's zones) where one zone goes.
    if (isUnknown(value) && value.template === AZS_OF_REGION) return this.refuse(raw, [], 'text');
    return toText(value);
  }

  /** A number property: a number, or text of one (`"30"`), as CloudFormation converts it. */
  number(raw: unknown): Value<number | undefined> {
    const value = this.resolver.value(raw);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      return Number(value);
    if (isUnknown(value)) return value;
    if (value instanceof ResourceRef) return toText(value) as Unknown;
    // Whether CloudFormation turns true into a number is not sure: not called a template error.
    if (typeof value === 'boolean') return unknown(`not a number: ${value}`);
    return this.refuse(raw, value, 'a number');
  }

  /**
   * `value`, what `raw` resolved to, as one of the AllowedValues of the parameter `raw` is wholly (`!Ref Days`, its
   * value not known before deploy): checks may judge each of them (Unknown.oneOf, see src/checks/each-text.ts).
   * Any other value as it is.
   */
  oneOfAllowed(raw: unknown, value: Unknown): Unknown {
    const record = asRecord(this.chosenBranch(raw));
    const name = record?.Ref;
    if (typeof name !== 'string' || Object.keys(record ?? {}).length !== 1 || value.oneOf !== undefined)
      return value;
    const texts = this.resolver.allowedTexts(name);
    if (texts === undefined) return value;
    return new Unknown(`${value.reason}, one of its AllowedValues`, value.template, {
      ...value,
      oneOf: texts,
    });
  }

  /**
   * What `raw` is in the case of the conditions scanned: the branch of each `Fn::If` whose condition resolving it
   * decided (`!If [HasRetention, !Ref Retention, !Ref AWS::NoValue]` is `!Ref Retention` where HasRetention holds);
   * `raw` itself where none is decided.
   */
  private chosenBranch(raw: unknown): unknown {
    let at = raw;
    // Ifs within Ifs, as deep as the template writes them: each step goes one level into what is written.
    for (;;) {
      const choice = asRecord(at)?.['Fn::If'];
      if (!Array.isArray(choice) || choice.length !== 3 || typeof choice[0] !== 'string') return at;
      const holds = this.resolver.settledCondition(choice[0]);
      if (typeof holds !== 'boolean') return at;
      at = holds ? choice[1] : choice[2];
    }
  }

  /** A boolean property: true or false, or that text. */
  boolean(raw: unknown): Value<boolean | undefined> {
    const value = this.resolver.value(raw);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    if (isUnknown(value)) return value;
    if (value instanceof ResourceRef) return toText(value) as Unknown;
    if (typeof value === 'string') {
      // `True`, `FALSE`: read as CloudFormation's Java side reads them, whatever the case.
      const lower = value.toLowerCase();
      if (lower === 'true' || lower === 'false') return lower === 'true';
    }
    // Whether CloudFormation turns 0 or 1 into a boolean is not sure: not called a template error.
    if (typeof value === 'number') {
      const read = value === 0 || value === 1 ? ` may read it as ${value === 1} or` : '';
      return unknown(
        `the number ${value} where true or false is expected: CloudFormation${read} may reject it`,
      );
    }
    return this.refuse(raw, value, 'true or false');
  }

  /**
   * What `raw` holds where it only wraps one value (`!Sub '${Table}'`, `!Join ['', [x]]`; see loneResourceReference):
   * read as that value, as CloudFormation resolves it. Undefined where it wraps none.
   */
  heldValue(raw: unknown): object | undefined {
    return loneResourceReference(raw, this.resources, this.resolver);
  }

  /** A reference to another resource: its logical id when it is in the template, else the ARN / name. */
  reference(raw: unknown): Value<Reference | undefined> {
    if (typeof raw === 'string') return this.givenItemText(raw) ?? dynamicReferenceText(raw);
    const alone = loneResourceReference(raw, this.resources, this.resolver);
    if (alone !== undefined) return this.reference(alone);
    const value = this.resolver.value(raw);
    if (typeof value === 'string')
      return textNamingResource(this.resolver, this.resources, raw, value) ?? value;
    if (value instanceof ResourceRef) {
      // `!GetAtt App.Outputs.LayerArn`: a value of the nested stack or application, not the resource itself.
      if (value.attribute?.startsWith('Outputs.')) {
        return unknown(
          `output ${value.attribute.slice('Outputs.'.length)} of nested stack or application ${value.logicalId}`,
          value.template,
        );
      }
      // `!GetAtt Vpc.DefaultSecurityGroup`: not the VPC, but the security group AWS made with it.
      if (value.attribute === 'DefaultSecurityGroup') return defaultSecurityGroupOf(value.logicalId);
      // `!GetAtt Lookup.SubnetId`: a value the provider of the custom resource returns (the `Data` of its response),
      // which names no resource of the template, least of all the custom resource itself; `!Ref Lookup` too, the
      // PhysicalResourceId of that response, "an identifier unique to the custom resource vendor".
      const type = this.declarationOf(value.logicalId)?.Type;
      if (isCustomResourceType(type))
        return unknown(customValueWords(value.logicalId, value.attribute, type), value.template);
      return value.logicalId;
    }
    if (isPlainData(value)) return this.refuse(raw, value, 'text');
    return toText(value);
  }

  /**
   * A reference (see `reference`) where the property takes an id or ARN of a fixed form (a subnet id): text that is
   * the logical id of a resource of a type `form` names (`PrivateSubnetA`, meant as `!Ref PrivateSubnetA`) is passed
   * as written and refused at deploy (see logical-id-text.ts). That is a template error at `key` of `parent` (the
   * property path `path` of the resource read; `shown`, how to name it where the user wrote another) and a value
   * refused, not a link to that resource.
   */
  idReference(
    raw: unknown,
    form: FixedForm,
    parent: object,
    key: string | number,
    path: readonly (string | number)[],
    shown?: ShownPlace,
  ): Value<Reference | undefined> {
    const read = this.reference(raw);
    const named = this.namedAsText(raw, read, form);
    if (named === undefined) return read;
    // Named by the type the user wrote it as: a SAM layer is an AWS::Serverless::LayerVersion to them.
    const type = this.writtenType(named.id) ?? named.type;
    this.reject(parent, key, path, logicalIdTextProblem(form, named.id, type, named.fix), shown);
    return invalid(`the text ${named.id}, a logical id of this template, where ${form.takes} is expected`);
  }

  /**
   * The logical id of the resource `raw` names by its id written as text where a property of `form` takes its id or
   * ARN (see idReference, which refused it); undefined where it names none so.
   */
  logicalIdText(raw: unknown, form: FixedForm): string | undefined {
    return this.namedAsText(raw, this.reference(raw), form)?.id;
  }

  /** idReference's test: `raw`, read as `read`, is the text of a logical id of a type of `form`, with its fix. */
  private namedAsText(
    raw: unknown,
    read: Value<Reference | undefined>,
    form: FixedForm,
  ): { id: string; type: string; fix: string } | undefined {
    // The cheap tests first: this runs for each subnet of each function, most of them `!Ref Subnet` or `subnet-…`.
    if (typeof read !== 'string' || !Object.hasOwn(this.resources, read)) return undefined;
    const type = asRecord(own(this.resources, read))?.Type;
    const fix = typeof type === 'string' ? intendedValue(form, read, type) : undefined;
    if (fix === undefined || !this.writtenAsText(raw)) return undefined;
    return { id: read, type: type as string, fix };
  }

  /**
   * `references`, for a List property whose items take an id or ARN of a fixed form (Lambda's SubnetIds): an item
   * written as the text of a logical id is refused (see idReference). `path` is the property path of the list;
   * `shown` names an item where the user wrote it at another (a list SAM merged with Globals').
   */
  idReferences(
    raw: unknown,
    form: FixedForm,
    path: readonly (string | number)[],
    shown?: (index: number) => ShownPlace | undefined,
  ): Value<Reference[]> {
    if (typeof raw === 'string' || typeof raw === 'number') return this.refuse(raw, raw, 'a list');
    return this.list(raw, (entry, index, list) => {
      const read = this.idReference(entry, form, list, index, [...path, index], shown?.(index));
      return read ?? unknown('empty value');
    });
  }

  /**
   * Whether `raw` is text, or an intrinsic that makes text (`!Sub PrivateSubnetA`, an `!If` choosing text), not a
   * resource's `Ref` or attribute (`!Ref X`, `!GetAtt X.Arn`, `!Sub '${X}'`, or an `!If` choosing one).
   */
  private writtenAsText(raw: unknown): boolean {
    if (typeof raw === 'string') return true;
    const record = asRecord(raw);
    if (
      record === undefined ||
      'Ref' in record ||
      'Fn::GetAtt' in record ||
      this.heldValue(raw) !== undefined
    )
      return false;
    // Read a second time (reference read it first), quietly: its problems were told the first time.
    return typeof this.resolver.quietly(() => this.resolver.value(raw)) === 'string';
  }

  /**
   * An item of a list a parameter gives (`SubnetIds: !Ref Subnets`) that is text written like a logical id of the
   * template: not that resource (see textNamingResource). Undefined for any other text.
   */
  private givenItemText(text: string): Unknown | undefined {
    if (this.givenLists.length === 0 || !Object.hasOwn(this.resources, text)) return undefined;
    const list = this.givenLists.filter((given) => given.items.includes(text)).at(-1);
    return list === undefined ? undefined : textNamingResource(this.resolver, this.resources, list.raw, text);
  }

  /** A value known to be of a kind CloudFormation refuses here: see invalid-values.ts. */
  private refuse(raw: unknown, value: unknown, expected: Expected): Unknown {
    if (this.jsonDepth > 0) return unknown(`not ${expected}`);
    if (this.muted > 0) return invalid(`not ${expected}`);
    const reading = {
      id: this.resourceId,
      props: this.resourceProps,
      base: this.resourceBase,
      resources: this.resources,
    };
    // An item of a parameter's list is written nowhere: the list, where it is written, is what to fix.
    const list =
      raw !== null && typeof raw === 'object'
        ? undefined
        : this.givenLists.filter((given) => given.items.includes(raw)).at(-1);
    if (list === undefined) return this.invalidValues.refuse(raw, value, expected, reading);
    const parameters = [...this.resolver.valueParameters(list.raw)];
    const from = parameters.length === 0 ? '' : ` (from parameter ${parameters.join(', ')})`;
    return this.invalidValues.refuseItems(list.raw, value, expected, from, reading);
  }

  /**
   * Reports a template error at `key` of `parent` (the property path `path` of the resource being read): a
   * value CloudFormation rejects for what it holds. `problem` finishes the sentence after the property's name.
   */
  reject(
    parent: object,
    key: string | number,
    path: readonly (string | number)[],
    problem: string,
    shown?: ShownPlace,
  ): void {
    if (this.muted > 0) return;
    const reading = {
      id: this.resourceId,
      props: this.resourceProps,
      base: this.resourceBase,
      resources: this.resources,
    };
    this.invalidValues.reject(parent, key, path, problem, reading, shown);
  }

  /**
   * Reports a template error at `key` of `node` (or at `node`) that IAM or another service, not the template's
   * schema, rejects at deploy: `problem` finishes a sentence after the id of the resource the user wrote (the
   * SAM function, for a role SAM made of its Policies), which the error is on.
   */
  writtenError(node: object, key: string | number | undefined, problem: string): void {
    if (this.muted > 0) return;
    const owner = this.resourceBase?.generatedBy?.id ?? this.resourceId;
    const position =
      (key === undefined ? undefined : this.locator.locate(node, key)) ?? this.locator.locate(node);
    this.report({
      kind: 'template',
      message: owner === undefined ? problem : `${owner}: ${problem}`,
      file: this.locator.file,
      ...position,
      ...(owner === undefined ? {} : { resource: owner }),
    });
  }

  /** The raw value at `path` below `raw`, looking through intrinsics on the way; an Unknown met on the way is returned. */
  dig(raw: unknown, ...path: string[]): unknown {
    let value: unknown = raw;
    for (const key of path) {
      const obj = this.object(value);
      if (isUnknown(obj)) return obj;
      value = obj?.[key];
    }
    return value;
  }

  /** A plain object (after an `!If` or the like at the top), undefined when absent. */
  object(raw: unknown): Value<Record<string, unknown> | undefined> {
    const value = this.resolver.shallow(raw);
    if (value === undefined || value === null) return undefined;
    // Written text holding a dynamic reference (`VpcConfig: '{{resolve:ssm:/x}}'`) is not known before deploy, but it
    // is text: CloudFormation passes it to the transforms as written and resolves it to the text the store holds
    // (user guide, "Get values stored in other services using dynamic references"), never to a mapping. A Json
    // property (read within withinJson) takes text, JSON to parse at deploy: there it stays unknown.
    if (isUnknown(value)) {
      return typeof raw === 'string' && this.jsonDepth === 0 ? this.refuse(raw, raw, 'a mapping') : value;
    }
    return asRecord(value) ?? this.refuse(raw, value, 'a mapping');
  }

  /** A list whose items are read with `item`; a single value counts as a list of one, as IAM does. */
  list<T>(raw: unknown, item: (value: unknown, index: number, list: object) => T): Value<T[]> {
    // `!Sub` and `!Join` always make one string: where a list goes, that is a list of one. `item` alone
    // resolves it: resolving it here as well would report each problem in it (an undefined name) twice.
    if (ONE_STRING_INTRINSICS.has(intrinsicName(raw) ?? '')) return [item(raw, 0, { value: raw })];
    const value = this.resolver.shallow(raw);
    if (value === undefined || value === null) return [];
    if (isUnknown(value)) return value;
    if (!Array.isArray(value)) return [item(value, 0, { value })];
    const written = asRecord(raw);
    if (written !== undefined && this.locator.locate(value) === undefined)
      return this.givenList(written, value, item);
    // Mapped, not pushed, unless an item is removed: a list grown by push keeps room for 16 items, and the
    // model holds thousands of these lists (statements, their resources, a role's policies).
    if (!value.some((entry) => this.isNoValue(entry))) return value.map(item);
    const items: T[] = [];
    value.forEach((entry, index) => {
      if (!this.isNoValue(entry)) items.push(item(entry, index, value));
    });
    return items;
  }

  /** The items of a list a parameter (or another intrinsic) gives, which the template does not write: see givenLists. */
  private givenList<T>(
    raw: object,
    items: unknown[],
    item: (value: unknown, index: number, list: object) => T,
  ): T[] {
    this.givenLists.push({ raw, items });
    try {
      return items.map(item);
    } finally {
      this.givenLists.pop();
    }
  }

  /**
   * Whether a list item is `AWS::NoValue` (`!Ref AWS::NoValue`, or an `!If` choosing it), which removes it
   * from the list. Only those two are looked at: resolving every item twice would cost (Fn::Sub is hot).
   */
  private isNoValue(entry: unknown): boolean {
    // Most items are text or plain mappings: tell them apart without listing their keys.
    if (entry === null || typeof entry !== 'object' || !('Ref' in entry || 'Fn::If' in entry)) return false;
    const fn = intrinsicName(entry);
    if (fn !== 'Fn::If' && fn !== 'Ref') return false;
    return this.resolver.shallow(entry) === undefined;
  }

  strings(raw: unknown): Value<Value<string>[]> {
    // Most lists (a statement's Action) are plain text: nothing to resolve, no item to remove.
    if (Array.isArray(raw) && raw.every((entry) => typeof entry === 'string'))
      return raw.map((entry) => dynamicReferenceText(entry));
    return this.list(raw, (entry) => this.string(entry) ?? unknown('empty value'));
  }

  /**
   * A CloudFormation List property of references (Layers, SubnetIds, ManagedPolicyArns): a single text
   * value, which IAM would take as a list of one, is refused by CloudFormation ("must be of type List").
   */
  references(raw: unknown): Value<Reference[]> {
    if (typeof raw === 'string' || typeof raw === 'number') return this.refuse(raw, raw, 'a list');
    return this.list(raw, (entry) => this.reference(entry) ?? unknown('empty value'));
  }
}

/** The name of the property at `place`, for a message: its key, or `what` where the key is no property's name. */
function propertyName(place: TextPlace, what: string): string {
  return typeof place.key === 'string' ? place.key : what;
}

/** A list or a mapping as parsed (not an Unknown, nor a reference to a resource). */
function isPlainData(value: unknown): value is object {
  return (
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof Unknown) &&
    !(value instanceof ResourceRef)
  );
}

export type { SourceRef };
