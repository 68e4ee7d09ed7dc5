/**
 * Known and Unknown values. A value Parapet cannot see (an unresolved parameter, an import, a
 * resource attribute only known after deploy) is an `Unknown`, never a guess. Checks that meet an
 * Unknown answer `unknown`, never `fail`.
 */
import { partsMatch } from './wildcard-match.js';

/** What an Unknown may say beyond its reason and template (see the fields of Unknown). */
interface UnknownDetails {
  readonly resources?: readonly string[];
  readonly noWildcard?: readonly string[];
  readonly oneOf?: readonly string[];
  readonly stackResource?: StackResource;
  readonly otherStacks?: readonly string[];
  readonly everyOne?: true;
  readonly keepsOut?: KeptOut;
}

const NO_DETAILS: UnknownDetails = {};

export class Unknown {
  readonly unknown = true;
  /**
   * The `${...}` names of `template` that stand for resources, of this stack or another: text not known
   * before deploy, but specific, never a wildcard. `Uploads` in `arn:aws:s3:::${Uploads}/*`.
   */
  readonly resources?: readonly string[];
  /**
   * The `${...}` names of `template` that stand for parameters whose constraints (AllowedPattern,
   * AllowedValues, a Number type) keep `*` and `?` out: text not known before deploy, possibly empty, but
   * never a wildcard. `ExistingBucket` in `arn:aws:s3:::${ExistingBucket}/*` when its pattern is `^[a-z0-9.-]*$`.
   */
  readonly noWildcard?: readonly string[];
  /**
   * The values it can only be one of, when the template lists them: an `Fn::FindInMap` whose key is not
   * known before deploy (the region) gives one of its map's values. Checks may judge each.
   */
  readonly oneOf?: readonly string[];
  /**
   * Set when the value is wholly a resource's reference or attribute in another stack scanned with this one (a
   * parent's or sibling nested stack's, an exporting stack's): deployed to the same account and region, and
   * never empty text. Lets checks tell that resource's kind and stack from anything else unknown.
   */
  readonly stackResource?: StackResource;
  /**
   * The `${...}` names of `template` that stand for resources of another stack (an import, a parent's value; see
   * stackResource), kept through the text built around them: such a name is never one of this template's
   * resources, though it may be written alike (`${Fn}` of the producer's Fn).
   */
  readonly otherStacks?: readonly string[];
  /**
   * With oneOf: each of those values is deployed, not one of them (a template without conditions, nested more than
   * once by stacks surely made, given another text by each nesting, is a copy per text). Checks
   * fail on any one of them, through possibleTexts / judgeTexts / judgeCopies (src/checks/each-text.ts), and
   * the role checks read the policies of each copy (src/checks/iam/policy-copies.ts).
   */
  readonly everyOne?: true;
  /**
   * Set when the value is wholly a parameter whose constraints (AllowedValues, AllowedPattern, MinLength) refuse
   * texts some checks ask about: an empty value, an alias of an AWS managed KMS key (`alias/aws/lambda`). What
   * the deploy gives is not known, but it is none of those.
   */
  readonly keepsOut?: KeptOut;

  constructor(
    /** Why the value cannot be known, in words for the report: "from parameter DbPassword". */
    readonly reason: string,
    /**
     * The value's shape where part of it is known, with `${...}` for the unknown parts, as
     * `!Sub` writes it: "arn:aws:s3:::${Bucket}/*". Lets checks tell "not a wildcard" apart from
     * "cannot tell".
     */
    readonly template?: string,
    details: UnknownDetails = NO_DETAILS,
  ) {
    // Every field set, in one order, even when undefined: every Unknown has one shape for V8.
    this.resources = details.resources;
    this.noWildcard = details.noWildcard;
    this.oneOf = details.oneOf;
    this.stackResource = details.stackResource;
    this.otherStacks = details.otherStacks;
    this.everyOne = details.everyOne;
    this.keepsOut = details.keepsOut;
  }

  toString(): string {
    return this.template ?? `<unknown: ${this.reason}>`;
  }

  toJSON(): unknown {
    return { unknown: this.reason, ...(this.template === undefined ? {} : { template: this.template }) };
  }
}

export type Value<T> = T | Unknown;

/** What a parameter's constraints refuse (see Unknown.keepsOut). */
export interface KeptOut {
  readonly parameter: string;
  /** The empty text. */
  readonly empty: boolean;
  /** Every `alias/aws/...`, alone or at the end of an alias ARN: the AWS managed KMS keys. */
  readonly awsManagedAliases: boolean;
  /**
   * Set when not the constraints but the case of the conditions a scan checks keeps the empty text out: the condition
   * that does, as findings word it (`condition UseKms holds`, of `!Not [!Equals [!Ref KeyArn, '']]`).
   */
  readonly emptyRuledOutBy?: string;
}

/** The same unknown value, of which `keepsOut` tells what it cannot be. */
export function withKeepsOut(value: Unknown, keepsOut: KeptOut): Unknown {
  return new Unknown(value.reason, value.template, { ...value, keepsOut });
}

/** A resource of another scanned stack that a value is the `Ref` (no attribute) or an attribute of. */
export interface StackResource {
  /** The stack's name, as findings name it (`layers.yaml`, CDK's `MyStack`). */
  readonly stack: string;
  readonly logicalId: string;
  /** Its CloudFormation type (`AWS::Lambda::LayerVersion`); undefined when the template does not say. */
  readonly type: string | undefined;
  readonly attribute?: string;
  /**
   * Where the stack's template is nested more than once (two stack resources naming one template, by one parent or
   * two): the copy the resource is of, as messages name it (`FnAResources in template.yaml`: the stack resource, and
   * its parent stack). Each nesting deploys a stack of its own, with resources of its own: one role per copy.
   */
  readonly copy?: string;
}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

export function unknown(reason: string, template?: string, details?: UnknownDetails): Unknown {
  return new Unknown(reason, template, details);
}

/** Whether a `${name}` (or `${name.Attribute}`) of a value's template stands for a resource of another stack. */
export function namesOtherStack(value: Unknown, name: string): boolean {
  return (
    value.otherStacks?.some((placeholder) => placeholder === name || placeholder.split('.')[0] === name) ??
    false
  );
}

/** The text a (possibly unknown) string shows: the known string, or its `${}` template. */
export function shapeOf(value: Value<string>): string | undefined {
  return isUnknown(value) ? value.template : value;
}

/**
 * Whether text may be what a `${}` template gives (`orders-${Env}` may give `orders-prod`): its literal parts, in
 * order, with anything in each gap. Matched part by part (partsMatch): a regex of the parts joined by `.*`
 * backtracked for minutes on a template of thirty placeholders, and one of thousands was too large to compile.
 */
export function templateMayGive(template: string, text: string): boolean {
  let parts = TEMPLATE_PARTS.get(template);
  if (parts === undefined) {
    // Between the placeholders, as replacePlaceholders reads them (linear), and after the last.
    parts = [];
    let last = 0;
    for (const found of placeholderMatches(template)) {
      parts.push(template.slice(last, found.index));
      last = found.index + found[0].length;
    }
    parts.push(template.slice(last));
    TEMPLATE_PARTS.set(template, parts);
  }
  return partsMatch(parts, text);
}

/**
 * Each template's literal parts, found once: a composite alarm's operands are asked of every alarm, and a template
 * (the text of a template file) has few distinct ones.
 */
const TEMPLATE_PARTS = new Map<string, string[]>();

/** The text a template writes itself: without its `${...}` placeholders (`https://` of `https://${Domain}`). */
export function literalText(template: string): string {
  return replacePlaceholders(template, '');
}

/** A `${...}` placeholder, which ends at the first `}` after its `${`, with what it holds (`inner`) captured. */
const PLACEHOLDER = /\$\{([^}]*)\}/g;

/** PLACEHOLDER without the capture, where only the whole is replaced (no `$1` is read in a replacement text). */
const WHOLE_PLACEHOLDER = /\$\{[^}]*\}/g;

/** A placeholder's replacement: text, or made from the placeholder (`${Env}`) and what it holds (`Env`). */
type PlaceholderReplacement = string | ((whole: string, inner: string) => string);

/**
 * The text with each `${...}` placeholder (one ending at the first `}` after its `${`) replaced, read only up to the
 * last `}`, where any placeholder ends. After it, a regex tries each `${` left open by reading the rest of the text: a
 * `!Sub` of a thousand `${resolve:` pieces took seconds (quadratic). Up to the last `}`, each `${` matches and the
 * search goes on after its `}`: linear.
 */
export function replacePlaceholders(text: string, replacement: PlaceholderReplacement): string {
  const end = text.lastIndexOf('}') + 1;
  const head = end === text.length ? text : text.slice(0, end);
  // Two calls, not one of the union type, for TypeScript's overloads of replace.
  const replaced =
    typeof replacement === 'string'
      ? head.replace(WHOLE_PLACEHOLDER, replacement)
      : head.replace(PLACEHOLDER, replacement);
  return end === text.length ? replaced : replaced + text.slice(end);
}

/**
 * The `${...}` placeholders of a text, in order, each match's [1] what it holds (`Env` of `${Env}`), as
 * replacePlaceholders reads them: linear.
 */
export function placeholderMatches(text: string): ReturnType<string['matchAll']> {
  return text.slice(0, text.lastIndexOf('}') + 1).matchAll(PLACEHOLDER);
}

/**
 * Whether a value is certainly set and not empty, known or not: a known non-empty string; text not known before
 * deploy whose template has literal text of its own (`arn:${AWS::Partition}:sqs:...` is not empty, whatever the
 * partition); or one of values none of which is empty. A value that is wholly a parameter (`${Queue}`), an import,
 * or an `Fn::If` that may give `AWS::NoValue` can be absent or "", so it is not certainly set. For "is a
 * destination, dead-letter queue or target set", which does not depend on what the unknown parts hold.
 */
export function certainlyNonEmpty(value: Value<string | undefined>): boolean {
  if (!isUnknown(value)) return value !== undefined && value !== '';
  if (value.template !== undefined && literalText(value.template) !== '') return true;
  // A nested stack's output (`${Dlq.Outputs.QueueArn}`) that is a resource of that stack, scanned with it.
  if (value.stackResource !== undefined) return true;
  // A resource's id or attribute (`${Key.Arn}`, of this stack or another) is never empty text; a nested
  // stack's output (`${Keys.Outputs.KeyArn}`) may be anything, '' included.
  if (value.resources?.some((name) => !name.includes('.Outputs.'))) return true;
  return value.oneOf !== undefined && value.oneOf.length > 0 && value.oneOf.every((one) => one !== '');
}

/** A value that is wholly a parameter a deploy cannot leave empty, and why, as findings word it. */
interface NonEmptyParameter {
  readonly parameter: string;
  /** `its constraints keep out an empty value`, or `it is not empty where condition UseDlq holds`. */
  readonly why: string;
}

/**
 * The parameter a value not known before deploy wholly is, when no deploy leaves it empty though certainlyNonEmpty
 * cannot tell: its constraints refuse '' (a MinLength, an AllowedPattern '' does not match, AllowedValues without
 * it), or the case of the conditions scanned keeps it from '' (see Unknown.keepsOut). Undefined for anything else.
 * For "is a key, destination or dead-letter queue set", which does not depend on which value the deploy gives.
 */
export function nonEmptyParameter(value: unknown): NonEmptyParameter | undefined {
  if (!isUnknown(value) || value.keepsOut?.empty !== true) return undefined;
  const { parameter, emptyRuledOutBy } = value.keepsOut;
  const why =
    emptyRuledOutBy === undefined
      ? 'its constraints keep out an empty value'
      : `it is not empty where ${emptyRuledOutBy}`;
  return { parameter, why };
}

/** Starts the reason of what an `Fn::ImportValue` gives: `imported from another stack (<export name>)`. */
export const IMPORTED_REASON = 'imported from another stack';

/** What an `Fn::ImportValue` of `exportName` gives (its text, or its `${}` shape when part is not known). */
export function imported(exportName: string): Unknown {
  return new Unknown(`${IMPORTED_REASON} (${exportName})`);
}

/**
 * The export a value is imported from, as `imported` wrote it; undefined for any other value, or for an export
 * whose name has no shape to compare. Two imports of the same name give the same value in one deploy.
 */
export function importedFrom(value: Value<string>): string | undefined {
  if (!isUnknown(value) || !value.reason.startsWith(`${IMPORTED_REASON} (`)) return undefined;
  // An export name holds no parentheses; what follows it says more (`, exported by more than one scanned stack …`).
  const name = IMPORTED_NAME.exec(value.reason)?.[1];
  return name === undefined || name.startsWith('<unknown') ? undefined : name;
}

const IMPORTED_NAME = new RegExp(`^${IMPORTED_REASON} \\(([^)]*)\\)`);

/** Starts the name of the `${...}` that stands for an import in text built around it (see placeholderOf). */
export const IMPORT_PLACEHOLDER = 'ImportValue ';

/**
 * The `${...}` that stands for an unknown piece of text built around it (`Fn::Join`): its own shape, or for an
 * import `${ImportValue DataStack:BucketName}`, which tells the reader what to look up; `${?}` for anything else.
 */
export function placeholderOf(value: Unknown): string {
  if (value.template !== undefined) return value.template;
  const name = importedFrom(value);
  // An export name built with `!Sub` (`${AWS::StackName}-Bucket`) would nest braces: not named.
  return name === undefined || /[{}]/.test(name) ? '${?}' : `\${${IMPORT_PLACEHOLDER}${name}}`;
}

/**
 * What an `Fn::ImportValue` gives when the scanned stacks export that name more than once, each its own value
 * (`why`): still an import of that name, which one depending on where the stack deploys.
 */
export function importedFromSeveral(exportName: string, why: string): Unknown {
  return new Unknown(`${IMPORTED_REASON} (${exportName}), ${why}`);
}

/** The start of why an export's value is not known: more than one scanned stack exports that name. */
export const EXPORTED_BY_SEVERAL = 'exported by more than one scanned stack';

/**
 * Starts the reason of a value that is known but invalid (a list where CloudFormation expects text): the
 * template is refused, and a scan error says where. Checks still see an Unknown and do not guess.
 */
export const INVALID_REASON = 'invalid: ';

/** An invalid value: `what` says what it is against what was expected ("a list where text is expected"). */
export function invalid(what: string): Unknown {
  return new Unknown(`${INVALID_REASON}${what}; see the scan error`);
}

/** The values `missingRequired` made: told apart by identity, not by the words of their reason. */
const MISSING_REQUIRED = new WeakSet<Unknown>();

/** A property CloudFormation requires that the template does not set: refused, and a scan error says so. */
export function missingRequired(name: string): Unknown {
  const value = invalid(`no ${name}, which CloudFormation requires`);
  MISSING_REQUIRED.add(value);
  return value;
}

/** Whether a value is a required property not set (see `missingRequired`), not one set to something invalid. */
export function isMissingRequired(value: unknown): boolean {
  return isUnknown(value) && MISSING_REQUIRED.has(value);
}

/** Whether a value is one a scan error refuses (see `invalid`), not one merely not known before deploy. */
export function isInvalid(value: unknown): boolean {
  return isUnknown(value) && value.reason.startsWith(INVALID_REASON);
}
