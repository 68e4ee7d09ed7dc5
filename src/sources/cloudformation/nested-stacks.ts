import { parametersNamed } from '../../findings/words.js';
import { setOwn } from '../../model/own.js';
import { isUnknown, type StackResource, type Unknown, unknown } from '../../model/values.js';
import { displayPathFor } from '../display-path.js';
import type { FileTexts } from '../file-texts.js';
import { choosesBeyondConditions, choosingParameters } from './chosen-targets.js';
import { asRecord, type Resolved, ResourceRef } from './intrinsic-values.js';
import type { Aside, Resolver } from './intrinsics.js';
import { type Joined, withJoined } from './joined-values.js';
import { ofCopy } from './nested-copies.js';
import { CopyResolvers, giftResolver } from './nested-gift-resolver.js';
import { type NestedOutput, passedBack, readByParent } from './nested-output-values.js';
import { sharedGift } from './nested-shared-gift.js';
import { type ParentLink, parentLinks, type UnscannedNesting } from './nested-stack-links.js';
import type { ParameterOrigin } from './parameter-values.js';
import { readScannedTemplate } from './scanned-template.js';

/**
 * What a parent stack gives the parameters of a nested stack: known text, or an Unknown that says what
 * the value is in the parent (a resource of it, a parameter of it without default).
 */
export type ParentValues = Readonly<Record<string, string | Unknown>>;

/** What a parent gives a nested template: the values, and which of them it took from its own defaults. */
export interface ParentGift {
  readonly values: ParentValues;
  /** Names whose text the parent resolved with its own parameters' defaults: a deploy may change them. */
  readonly byDefault: ReadonlySet<string>;
  /** Who gives them, as a finding names it: `the parent stack parent.yaml (resource Child)`. */
  readonly by: string;
  /** Names an `Fn::If` may leave out (`!If [C, x, !Ref AWS::NoValue]`): given in some deploys only. */
  readonly optional?: ReadonlySet<string>;
  /**
   * Per value, what it is in the parent: its file and the expression written there (or, for a value the parent
   * was given by its own parent, what that one is). Two nestings giving one are giving one value.
   */
  readonly sameAs: Readonly<Record<string, string>>;
  /** Each stack resource nesting the template, and which of its parameters it gives. */
  readonly nestings: readonly Nesting[];
  /**
   * Names given a value made with a NoEcho parameter of the parent (`!Ref DbPassword`, `!Sub 'user:${DbPassword}'`),
   * with where the parent's value comes from (its default, -p, its deploy). Such a value is never given as text,
   * whatever the parent knows of it: the nested stack could show parts of it (`!Select` of a `!Split`, a `!Sub`),
   * which no filter of its reports would recognise. It judges them as NoEcho values of its own.
   */
  readonly noEcho?: ReadonlyMap<string, ParameterOrigin>;
  /**
   * Of `noEcho`, the text the parent knows: only for the nested stack's conditions to compare and its constraints
   * to check, neither of which prints it.
   */
  readonly noEchoTexts?: Readonly<Record<string, string>>;
  /** Whether every deploy makes the stack resource: it has no Condition, or one that holds whatever the defaults. */
  readonly surelyMade?: boolean;
}

/** One stack resource nesting a template: who it is, as findings name it, and what it gives. */
export interface Nesting {
  /** `the parent stack parent.yaml (resource Child)`. */
  readonly by: string;
  /** The parameters it gives in every deploy. */
  readonly given: ReadonlySet<string>;
  /** The parameters an `Fn::If` may leave out, each with the conditions of the Ifs that may. */
  readonly optional: ReadonlyMap<string, readonly string[]>;
  /** Whether it gives a map that is not known before deploy (`Fn::Transform`): which names it gives is not known. */
  readonly unknownNames: boolean;
}

/**
 * Per parent template (resolved path), the outputs of its nested stacks whose templates are scanned too and
 * that are a resource of that stack, by the name `!Sub` writes (`Dlq.Outputs.QueueArn`): an Unknown with that
 * shape which names the resource (see `otherStackValue`), so checks know it is that resource, never empty; or the
 * parent's own resource, passed down and back (see readByParent).
 */
export type NestedOutputs = ReadonlyMap<string, ReadonlyMap<string, NestedOutput>>;

/**
 * For each nested stack template among the scanned files, the values its parent gives its parameters;
 * keyed by the file's resolved path. A parent names a nested stack's template by a local path (see
 * `parentLinks`: CDK's `aws:asset:path` metadata or asset manifest, a plain template's TemplateURL, a SAM
 * application's Location) and gives its parameters in `Properties.Parameters`. Without a parent among the files, a
 * nested template is scanned alone, as before: its parameters have no value.
 *
 * Values are resolved in the parent's context: its own parameters take what its own parent gives (a
 * nested stack of a nested stack), else their defaults or the `given` (-p) values. Files that cannot be read or parsed are left out here; the scan reports them itself.
 *
 * Also, per parent, the outputs it reads from its scanned nested stacks (`NestedOutputs`), and its stack resources
 * whose template is a local file not scanned (`unscanned`).
 */
export function nestedStacks(
  files: readonly string[],
  given: Readonly<Record<string, string>> | undefined,
  maxBytes: number,
  texts?: FileTexts,
  /** How a stack is named in messages: by the path the scan shows for its file. */
  shown: (file: string) => string = displayPathFor(process.cwd()),
  /** The folders a nested template is read from besides its parent's (see outsideProjectPath). */
  projectFolders: readonly string[] = [],
): { gifts: Map<string, ParentGift>; outputs: NestedOutputs; unscanned: Map<string, UnscannedNesting[]> } {
  const { links, unscanned } = parentLinks(files, maxBytes, texts, projectFolders);
  const found = new Map<string, ParentGift>();
  const resolvers = new Map<string, Resolver>();
  const inProgress = new Set<string>();
  // The nested template each stack resource makes, by parent file and resource: for `!GetAtt Child.Outputs.X`.
  const childOf = new Map<string, string>();
  for (const [child, childLinks] of links)
    for (const link of childLinks) childOf.set(`${link.parent}\0${link.resource}`, child);
  // Outputs an `Fn::If` chose by a condition their stack's defaults decide (see outputOf): the parent says why.
  const chosenOutputs = new Set<Unknown>();
  const docs = new Map<string, Record<string, unknown> | undefined>();
  const docOf = (file: string) => {
    if (!docs.has(file)) docs.set(file, readScannedTemplate(file, maxBytes, texts));
    return docs.get(file);
  };
  /** A template's resolver, its parameters given what its own parent gives (worked out first). */
  const resolverOf = (file: string, doc: Record<string, unknown>): Resolver => {
    let resolver = resolvers.get(file);
    if (!resolver) {
      resolver = giftResolver(doc, given, giftTo(file));
      resolvers.set(file, resolver);
    }
    return resolver;
  };
  // What each stack resource nesting a template more than once gives its copy: its outputs are read with that.
  const copies = new CopyResolvers(given);
  /**
   * What `!GetAtt Child.Outputs.X` gives in `parent` when Child's template is scanned too: the output's value,
   * resolved in that stack (a sibling's function ARN reads as that function's). Undefined when it cannot tell.
   * `fromDefaults` gets the parameters whose defaults (that stack's, or those its parent gave) the value rests on.
   */
  const outputOf = (
    parent: string,
    ref: ResourceRef,
    fromDefaults?: Set<string>,
  ): string | Unknown | undefined => {
    const name = ref.attribute?.startsWith('Outputs.') ? ref.attribute.slice('Outputs.'.length) : undefined;
    const child = childOf.get(`${parent}\0${ref.logicalId}`);
    if (name === undefined || child === undefined || inProgress.has(child)) return undefined;
    const doc = docOf(child);
    const output = asRecord(asRecord(doc?.Outputs)?.[name]);
    if (!doc || !output || output.Value === undefined) return undefined;
    // A template nested more than once: the output of the copy this stack resource deploys, given what it gives.
    const link = links.get(child)?.find((one) => one.parent === parent && one.resource === ref.logicalId);
    const resolver =
      (link && (links.get(child)?.length ?? 0) > 1 && giftTo(child) && copies.of(link, doc)) ||
      resolverOf(child, doc);
    // An output made with a NoEcho parameter of that stack is passed on as not known, as an export is.
    if (holdsNoEcho(resolver, output.Value))
      return unknown(`output ${name} of stack ${shown(child)}, from a NoEcho parameter (value not shown)`);
    // Aside: a nested stack's output is read while its parent may be reading a value.
    const read = resolver.aside(() => resolver.value(output.Value));
    const value = read.value;
    const resource = value instanceof ResourceRef || passedBack(value, shown(child)) !== undefined;
    const choice = choiceByDefaults(resolver, output.Value, read, resource);
    if (choice !== undefined) {
      const chosen = unknown(`output ${name} of stack ${shown(child)}, ${choice}`);
      chosenOutputs.add(chosen);
      return chosen;
    }
    for (const parameter of read.assumed) fromDefaults?.add(parameter);
    return passedBack(value, shown(child)) ?? otherStackValue(value, shown(child), doc);
  };
  // What a parent reads from a nested stack, a resource of the copy that stack resource deploys (see ofCopy).
  const copyOutputOf = (
    parent: string,
    ref: ResourceRef,
    fromDefaults?: Set<string>,
  ): string | Unknown | undefined => {
    const [value, child] = [outputOf(parent, ref, fromDefaults), childOf.get(`${parent}\0${ref.logicalId}`)];
    if (child === undefined || (links.get(child)?.length ?? 0) < 2) return value;
    return ofCopy(value, shown(child), `${ref.logicalId} in ${shown(parent)}`);
  };
  // A parent may itself be nested (CDK passes references down level by level): its own parameters
  // are what its parent gives, worked out first.
  const giftTo = (child: string): ParentGift | undefined => {
    const childLinks = links.get(child);
    if (found.has(child) || !childLinks || inProgress.has(child)) return found.get(child);
    inProgress.add(child);
    const gifts = childLinks.map((link) => {
      const gift = linkGift(
        link,
        resolverOf(link.parent, link.doc),
        giftTo(link.parent),
        shown,
        (ref, fromDefaults) => copyOutputOf(link.parent, ref, fromDefaults),
      );
      copies.keep(link, gift);
      return gift;
    });
    inProgress.delete(child);
    // Without conditions of its own, a copy deploys every resource of the template: each value it is given is used.
    const unconditional = Object.keys(asRecord(docOf(child)?.Conditions) ?? {}).length === 0;
    const gift =
      gifts.length === 1 && gifts[0] ? gifts[0] : sharedGift(gifts, childLinks, shown, unconditional);
    found.set(child, gift);
    return gift;
  };
  for (const child of links.keys()) giftTo(child);
  const outputs = new Map<string, Map<string, NestedOutput>>();
  for (const [child, childLinks] of links) {
    const names = Object.keys(asRecord(docOf(child)?.Outputs) ?? {});
    for (const link of childLinks) {
      for (const name of names) {
        const ref = new ResourceRef(link.resource, `Outputs.${name}`);
        const value = copyOutputOf(link.parent, ref);
        const chosen = isUnknown(value) && chosenOutputs.has(value);
        const read = readByParent(ref, name, value, shown(link.parent), chosen);
        if (read === undefined) continue;
        const ofParent = outputs.get(link.parent) ?? new Map<string, NestedOutput>();
        outputs.set(link.parent, ofParent.set(ref.placeholder, read));
      }
    }
  }
  return { gifts: found, outputs, unscanned };
}

/** What one nested stack resource gives, resolved in its parent (which got `own` from its own parent). */
function linkGift(
  link: ParentLink,
  resolver: Resolver,
  own: ParentGift | undefined,
  shown: (file: string) => string,
  /** A sibling nested stack's output (see nestedStacks), adding to `fromDefaults` the defaults it rests on. */
  outputOf: (ref: ResourceRef, fromDefaults?: Set<string>) => string | Unknown | undefined,
): ParentGift {
  // What each value the parent got from its own parent is there: passed on as it is, it stays that.
  const passedDown = new Map<unknown, string | undefined>(
    Object.entries(own?.values ?? {})
      .filter(([, value]) => isUnknown(value))
      .map(([name, value]) => [value, own?.sameAs[name]]),
  );
  const parent = shown(link.parent);
  const values: Record<string, string | Unknown> = {};
  const sameAs: Record<string, string> = {};
  const byDefault = new Set<string>();
  const optional = new Set<string>();
  const noEcho = new Map<string, ParameterOrigin>();
  const noEchoTexts: Record<string, string> = {};
  // The stack resource's own Condition: where it does not hold, no stack is made, and nothing is asked of it.
  const ownCondition = asRecord(asRecord(link.doc.Resources)?.[link.resource])?.Condition;
  const exists = typeof ownCondition === 'string' ? resolver.conditionNamed(ownCondition) : true;
  // False only with the parameters' defaults, the stack is still made by a deploy that overrides them.
  const neverMade = exists === false && !resolver.byDefault.has(ownCondition as string);
  const surelyMade =
    exists === true && (ownCondition === undefined || !resolver.byDefault.has(ownCondition as string));
  const decided = (condition: string): boolean | undefined => {
    if (condition === ownCondition) return true;
    const value = resolver.conditionNamed(condition);
    // One the parameters' defaults decide may go the other way at deploy.
    return typeof value === 'boolean' && !resolver.byDefault.has(condition) ? value : undefined;
  };
  const nesting: Nesting = {
    by: `the parent stack ${parent} (resource ${link.resource})`,
    given: new Set(),
    optional: new Map(),
    unknownNames: neverMade || Object.keys(link.parameters).some((name) => name.startsWith('Fn::')),
  };
  for (const [name, raw] of Object.entries(link.parameters)) {
    // `Parameters: !If [...]` (or an Fn::Transform) chooses the whole map at deploy: no name is given for certain.
    if (name.startsWith('Fn::')) continue;
    resolver.resetAssumptions();
    // `!Ref AWS::NoValue` passes nothing: the nested stack does not get the parameter at all.
    if (isNoValue(raw)) continue;
    const leftOutBy = noValueConditions(raw, decided);
    if (leftOutBy.length > 0) {
      optional.add(name);
      (nesting.optional as Map<string, readonly string[]>).set(name, leftOutBy);
    } else (nesting.given as Set<string>).add(name);
    // The defaults a sibling's output it gives rests on (`!GetAtt Net.Outputs.Layer` of Net's `!Ref Layer`).
    const outputDefaults = new Set<string>();
    const readOutput = (ref: ResourceRef) => outputOf(ref, outputDefaults);
    let value = parentValue(resolver, raw, name, parent, new Set(passedDown.keys()), readOutput, link.doc);
    const secretOrigin = noEchoOrigin(resolver, raw);
    // The text, for the nested stack's conditions and constraints, which never print it (built text too).
    const secretText = secretOrigin === undefined ? undefined : resolver.comparedValue(raw);
    // An empty value writes nothing: no secret, given as it is.
    if (secretText === '') value = '';
    else if (secretOrigin !== undefined) {
      noEcho.set(name, secretOrigin);
      if (typeof secretText === 'string') setOwn(noEchoTexts, name, secretText);
      value = unknown(`from a NoEcho parameter of the parent stack ${parent} (value not shown)`);
    }
    // One expression of one parent file is one value in a deploy of it, whichever stack resource gives it.
    setOwn(sameAs, name, passedDown.get(value) ?? `${link.parent}\0${JSON.stringify(raw)}`);
    // An `Fn::If` on a condition the parent's defaults decide gave one branch; a deploy may give the other,
    // which the child's own cases cannot explore: not known before deploy, as before the parent was read. Text, and
    // a resource of the parent too (`!If [IsOpen, !Ref Igw, !Ref Nat]` is not the NAT gateway wherever IsOpen holds).
    const chosenBy = [...resolver.undecidedMet].filter((condition) => resolver.byDefault.has(condition));
    // Likewise a resource an `Fn::Select` picked by an index the parent's defaults give (`!Select [!Ref Idx, [!Ref
    // Public, !Ref Private]]`): a deploy may give another item.
    const pickedBy =
      isUnknown(value) && value.stackResource !== undefined && !noEcho.has(name)
        ? pickedByDefaults(resolver, raw, [
            ...resolver.assumed,
            ...[...choosingParameters({ resolver }, raw)].filter((p) => own?.byDefault.has(p)),
          ])
        : [];
    if (chosenBy.length === 0 && pickedBy.length > 0)
      value = unknown(selectedByDefaults(`the parent stack ${parent}`, pickedBy));
    // A NoEcho value stays worded as one.
    if (chosenBy.length > 0 && (typeof value === 'string' || !noEcho.has(name))) {
      // Text in either branch of an `!If` on it: one of the two, which checks judge each (never a NoEcho value).
      const either = typeof value === 'string' ? eitherBranch(raw, resolver) : undefined;
      value = unknown(chosenByDefaults(`the parent stack ${parent}`, chosenBy), undefined, { oneOf: either });
    }
    setOwn(values, name, value);
    // Text the parent worked out from its defaults (or from defaults further up, or of the sibling whose output it
    // gives) may change at deploy.
    const upstream = [...resolver.valueParameters(raw)].some((p) => own?.byDefault.has(p));
    const assumed = resolver.assumed.size > 0 || upstream || outputDefaults.size > 0;
    if (typeof value === 'string' && assumed) byDefault.add(name);
  }
  return {
    values,
    byDefault,
    by: nesting.by,
    ...(optional.size > 0 ? { optional } : {}),
    sameAs,
    nestings: [nesting],
    ...(noEcho.size > 0 ? { noEcho, noEchoTexts } : {}),
    surelyMade,
  };
}

/** Why a value an `Fn::If` chose by conditions a stack's parameters' defaults decide is not known before deploy. */
function chosenByDefaults(stack: string, conditions: readonly string[]): string {
  return `chosen in ${stack} by condition ${conditions.join(', ')}, which its parameters' defaults decide`;
}

/**
 * Why what a stack gives another (its output, or export, `raw`, read aside: `read`) may be another at deploy: an
 * `Fn::If` chose it by a condition that stack's defaults decide (`!If [IsOpen, !Ref Igw, !Ref Nat]`), or, where it
 * is a resource (`resource`), an `Fn::Select` picked it by an index its defaults give. Undefined where neither.
 */
export function choiceByDefaults(
  resolver: Resolver,
  raw: unknown,
  read: Omit<Aside<unknown>, 'value'>,
  resource: boolean,
): string | undefined {
  const chosenBy = read.met.filter((condition) => resolver.byDefault.has(condition));
  if (chosenBy.length > 0) return chosenByDefaults('that stack', chosenBy);
  const pickedBy = resource ? pickedByDefaults(resolver, raw, read.assumed) : [];
  return pickedBy.length > 0 ? selectedByDefaults('that stack', pickedBy) : undefined;
}

/**
 * The parameters among `assumed` (whose defaults a value read used) that pick a target in `raw` beyond its conditions:
 * an `Fn::Select`'s index, an `Fn::FindInMap`'s keys (see choosingParameters).
 */
function pickedByDefaults(resolver: Resolver, raw: unknown, assumed: readonly string[]): string[] {
  if (!choosesBeyondConditions(raw)) return [];
  return [...choosingParameters({ resolver }, raw)].filter((parameter) => assumed.includes(parameter));
}

/** Why a resource an `Fn::Select` (or `Fn::FindInMap`) picked by a stack's parameters' defaults is not known. */
function selectedByDefaults(stack: string, parameters: readonly string[]): string {
  return `picked in ${stack} by ${parametersNamed(parameters)}, read at ${parameters.length === 1 ? 'its default' : 'their defaults'}`;
}

/** The text of each branch of an `!If` (`[nodejs16.x, nodejs22.x]`), when both are text; undefined otherwise. */
function eitherBranch(raw: unknown, resolver: Resolver): string[] | undefined {
  const choice = asRecord(raw)?.['Fn::If'];
  if (!Array.isArray(choice) || choice.length !== 3) return undefined;
  // The branch not taken too: its text would be shown as a value the parameter may have.
  if (holdsNoEcho(resolver, choice[1]) || holdsNoEcho(resolver, choice[2])) return undefined;
  const branches = [resolver.value(choice[1]), resolver.value(choice[2])];
  if (!branches.every((branch): branch is string => typeof branch === 'string')) return undefined;
  return [...new Set(branches)];
}

function isNoValue(raw: unknown): boolean {
  return asRecord(raw)?.Ref === 'AWS::NoValue';
}

/**
 * The conditions of the `Fn::If`s in a value that may give `AWS::NoValue` (the parameter is then not passed at
 * all); none for a value that is always passed.
 */
function noValueConditions(raw: unknown, decided: (condition: string) => boolean | undefined): string[] {
  const choice = asRecord(raw)?.['Fn::If'];
  if (!Array.isArray(choice)) return [];
  const [condition, whenTrue, whenFalse] = choice as unknown[];
  // A condition the parent decides (or the stack resource's own, which holds wherever the stack is made) takes
  // one branch only.
  const holds = decided(String(condition));
  const branches = holds === undefined ? [whenTrue, whenFalse] : [holds ? whenTrue : whenFalse];
  const below = branches.flatMap((branch) => noValueConditions(branch, decided));
  const here = branches.some(isNoValue);
  if (!here && below.length === 0) return [];
  return [...new Set([...(here || holds === undefined ? [String(condition)] : []), ...below])];
}

/**
 * A value the parent gives, resolved in the parent: see `otherStackValue`; anything else unknown may be
 * any text.
 */
function parentValue(
  resolver: Resolver,
  raw: unknown,
  name: string,
  stack: string,
  passedDown: ReadonlySet<unknown>,
  outputOf: (ref: ResourceRef) => string | Unknown | undefined,
  doc: Record<string, unknown>,
): string | Unknown {
  const value = resolver.value(raw);
  // A value the parent itself got from its own parent (a resource further up) is passed on as it is.
  if (passedDown.has(value)) return value as Unknown;
  // An output of another nested stack of the parent, whose template is scanned too: what that stack gives.
  const sibling = value instanceof ResourceRef ? outputOf(value) : undefined;
  if (sibling !== undefined) return sibling;
  const known = otherStackValue(value, stack, doc);
  if (known !== undefined) return known;
  const why = isUnknown(value) ? ` (${value.reason})` : '';
  const given = unknown(`from parameter ${name}, given by the parent stack ${stack}${why}`, `\${${name}}`);
  const joined = joinedList(resolver, raw, (item) => joinedItem(item, stack, doc, outputOf));
  return joined === undefined ? given : withJoined(given, joined);
}

/**
 * A list the parent joins with commas to give it (`!Join [',', [!Ref SubnetA, !Ref SubnetB]]`, or `!Join [',', !Ref
 * Subnets]` of its list parameter): its items, when each is known (see joinedItem); undefined otherwise. Commas
 * only: no resource's id or ARN holds one, where `-`, `:` or `/` may be part of either.
 */
function joinedList(
  resolver: Resolver,
  raw: unknown,
  itemOf: (item: Resolved) => string | Unknown | undefined,
): Joined | undefined {
  const join = asRecord(raw)?.['Fn::Join'];
  if (!Array.isArray(join) || join.length !== 2 || resolver.value(join[0]) !== ',') return undefined;
  const list = resolver.value(join[1]);
  if (!Array.isArray(list)) return undefined;
  const items: (string | Unknown)[] = [];
  for (const item of list) {
    const known = itemOf(item);
    if (known === undefined) return undefined;
    items.push(known);
  }
  return { delimiter: ',', items };
}

/**
 * An item of a joined list, as the nested stack sees it: text, or a resource (of the parent, of a sibling nested
 * stack's output, of a stack further up), whose id holds no comma. Undefined for anything else, which may.
 */
function joinedItem(
  item: Resolved,
  stack: string,
  doc: Record<string, unknown>,
  outputOf: (ref: ResourceRef) => string | Unknown | undefined,
): string | Unknown | undefined {
  const value = item instanceof ResourceRef ? (outputOf(item) ?? item) : item;
  if (isUnknown(value)) return value.stackResource === undefined ? undefined : value;
  if (Array.isArray(value)) return undefined;
  return otherStackValue(value, stack, doc);
}

/**
 * A value resolved in another stack, as this one sees it: its text, or for a resource of that stack
 * specific text (its `${Id}` or `${Id.Attribute}`, as a resource of the template itself would be), so
 * IAM analysis never reads it as a possible `*`. Undefined for anything else, which the caller describes.
 */
export function otherStackValue(
  value: Resolved,
  stack: string,
  doc: Record<string, unknown> | undefined,
): string | Unknown | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (value instanceof ResourceRef) {
    const what = value.attribute ? `attribute ${value.attribute} of` : 'reference to';
    const type = asRecord(asRecord(doc?.Resources)?.[value.logicalId])?.Type;
    const from: StackResource = {
      stack,
      logicalId: value.logicalId,
      type: typeof type === 'string' ? type : undefined,
      ...(value.attribute === undefined ? {} : { attribute: value.attribute }),
    };
    return unknown(`${what} resource ${value.logicalId} of stack ${stack}`, value.template, {
      resources: [value.placeholder],
      stackResource: from,
      otherStacks: [value.placeholder],
    });
  }
  return undefined;
}

/**
 * Whether a value a stack passes on (to a nested stack's parameter, in an export) holds one of its NoEcho
 * parameters, or one its own parent gave a NoEcho value: what receives it may not be NoEcho itself, so such a
 * value is passed on only as not known (marked NoEcho for a nested stack, see ParentGift.noEcho).
 */
export function holdsNoEcho(resolver: Resolver, raw: unknown): boolean {
  return noEchoOrigin(resolver, raw) !== undefined;
}

/**
 * Where the NoEcho parameters in a value get theirs: `default` when any uses its default (the secret is written
 * in a template), else `given` (-p), else `deploy`; undefined when the value holds none.
 */
function noEchoOrigin(resolver: Resolver, raw: unknown): ParameterOrigin | undefined {
  let origin: ParameterOrigin | undefined;
  for (const name of resolver.valueParameters(raw)) {
    const source = resolver.parameterSource(name);
    if (source?.noEcho !== true) continue;
    if (source.origin === 'default') return 'default';
    if (source.origin === 'given' || origin === undefined) origin = source.origin;
  }
  return origin;
}

/** The resources of its parents a gift names (`Subnet: !Ref A`): what the nested stack may attach to. */
export function givenResources(gift: ParentGift | undefined): StackResource[] {
  return Object.values(gift?.values ?? {}).flatMap((value) =>
    isUnknown(value) && value.stackResource !== undefined ? [value.stackResource] : [],
  );
}
