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

/** The text with a space for each comma at `offsets`. */
export function withoutCommas(text: string, offsets: readonly number[]): string {
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
