// What JSON files CloudFormation reads hold that strict JSON does not, found so that `JSON.parse` can read them: each
// is replaced by text of the same length, so every offset (and so every line and column) stays where it was written.

/** A `${name}` written outside a JSON string, where it stands for a whole value. */
export interface Placeholder {
  readonly offset: number;
  /** As written: `${name}`. */
  readonly text: string;
}

/** A `${name}` as DefinitionSubstitutions (and Fn::Sub) names one: a parameter, `Res.Attr`, `AWS::Region`. */
const PLACEHOLDER = /\$\{[A-Za-z0-9_.:-]+\}/y;

/**
 * The `${name}`s a state machine's definition file writes outside strings (`"TimeoutSeconds": ${Timeout}`).
 * DefinitionSubstitutions are "mappings for placeholder variables in the state machine definition"
 * (AWS::StepFunctions::StateMachine): CloudFormation fills them into the file's text and parses it after, so the file
 * need only be JSON once filled, as alexcasalboni/aws-lambda-power-tuning's statemachine.asl.json, which deploys,
 * writes `"TimeoutSeconds": ${totalExecutionTimeout}`.
 */
export function unquotedPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  forEachOutsideStrings(text, (i) => {
    if (text.charCodeAt(i) !== 0x24 /* $ */) return;
    PLACEHOLDER.lastIndex = i;
    const match = PLACEHOLDER.exec(text);
    if (match !== null) found.push({ offset: i, text: match[0] });
  });
  return found;
}

/** The text with each placeholder made `null` padded with spaces (a `${name}` has four characters at least). */
export function nullInPlaceOf(text: string, placeholders: readonly Placeholder[]): string {
  let out = '';
  let from = 0;
  for (const { offset, text: written } of placeholders) {
    out += `${text.slice(from, offset)}null${' '.repeat(written.length - 4)}`;
    from = offset + written.length;
  }
  return out + text.slice(from);
}

/**
 * Where the text writes a comma after the last item of an object or array (`{"a": 1,}`). CloudFormation reads a
 * JSON template with one, though its guide says it follows ECMA-404: users and AWS's own tools found it deploys
 * (stelligent/cfn_nag#203, "CloudFormation still finds acceptable" `["one", "two", "three",]`; aws-amplify/amplify-cli
 * #509, templates "have a trailing comma (accepted by CFN)"; humanmade/cf-to-tf#7). Only a comma after a value counts:
 * `[,]` and `[1,,]` are errors still.
 */
export function trailingCommas(text: string): number[] {
  const found: number[] = [];
  let last = -1; // The last character outside whitespace, and whether it ends a value.
  forEachOutsideStrings(text, (i) => {
    const ch = text.charAt(i);
    if (ch === ',' && last !== -1 && !',[{:'.includes(text.charAt(last))) {
      let next = i + 1;
      while (next < text.length && ' \t\r\n'.includes(text.charAt(next))) next++;
      if (text.charAt(next) === '}' || text.charAt(next) === ']') found.push(i);
    }
    if (!' \t\r\n'.includes(ch)) last = i;
  });
  return found;
}

/**
 * A control character (U+0000 to U+001F: a line break, a tab) written as it is inside a string, where JSON wants it
 * escaped (`\n`). CloudFormation reads a template with one: the serverless-image-handler v4 template AWS published,
 * which users deployed, breaks lines inside strings, and only other tools choked on it
 * (aws-solutions/dynamic-image-transformation-for-amazon-cloudfront#134, "Strings in JSON cannot contain newlines like
 * this. I was consuming this template with a terraform configuration, and it chokes"). Read as lenient JSON readers
 * read it (Python's `json.loads(strict=False)`): the character is part of the string.
 */
export interface RawCharacter {
  readonly offset: number;
  /** Where the string that holds it opens (its `"`). */
  readonly stringStart: number;
}

/** The control characters written raw inside the text's strings. One after a backslash is not read (an error still). */
export function rawControlCharacters(text: string): RawCharacter[] {
  const found: RawCharacter[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 0x22 /* " */) continue;
    const stringStart = i;
    for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x5c /* \ */) i++;
      else if (code < 0x20) found.push({ offset: i, stringStart });
    }
  }
  return found;
}

/** The string that opens at `start` of `text` (which may write control characters raw in it), decoded. */
export function stringWithRawCharacters(text: string, start: number): string {
  let end = start + 1;
  while (end < text.length && text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
  return parseQuoted(text.slice(start, end + 1));
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters a string may write raw
const CONTROL_CHARACTER = /[\u0000-\u001f]/g;

/** A quoted JSON string whose control characters may be written raw, decoded with them in it. */
export function parseQuoted(quoted: string): string {
  const escaped = quoted.replace(
    CONTROL_CHARACTER,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return JSON.parse(escaped) as string;
}

/** The text with a space for each character at `offsets` (in order): a trailing comma, a raw control character. */
export function withSpacesAt(text: string, offsets: readonly number[]): string {
  let out = '';
  let from = 0;
  for (const offset of offsets) {
    out += `${text.slice(from, offset)} `;
    from = offset + 1;
  }
  return out + text.slice(from);
}

/** Calls `visit` at each character outside JSON strings, and at each string's closing quote (what ends a value). */
function forEachOutsideStrings(text: string, visit: (offset: number) => void): void {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 0x22 /* " */) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c /* \ */ ? 2 : 1;
      if (i >= text.length) return;
    }
    visit(i);
  }
}
