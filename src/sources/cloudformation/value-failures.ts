import { listedWithAnd, parametersNamed } from '../../findings/words.js';

/** What the reason says of one parameter's value: where it comes from, and its text when it may be shown. */
export interface ParameterValueWords {
  readonly name: string;
  /** Its default (a deploy may override it), or a value given to the scan (-p, or a case of the conditions). */
  readonly fromDefault: boolean;
  /** Its text; undefined when not known text or not to be shown (a secret). */
  readonly text?: string;
  readonly secret: boolean;
}

/** Longer values are not quoted: the reason names the parameter, which is enough to find it. */
const MAX_SHOWN = 60;

/**
 * Why an `Fn::Select` whose index is out of range of a list that parameter values make (`!Select [1, !Split [',',
 * !Ref ArnList]]` with `ArnList: ''`) gives a value not known before deploy: such a deploy fails for those values
 * only, not the template (the Fn::Select reference: "Fn::Select doesn't check for null values or if the index is out
 * of bounds of the array. Both conditions will result in a stack error"). The reason says what is missing:
 * `index 1 of a list of 1 item, made from parameter ArnList with its default ""`.
 */
export function outOfRangeReason(
  index: number,
  length: number,
  parameters: readonly ParameterValueWords[],
): string {
  const list = length === 0 ? 'an empty list' : `a list of ${length} item${length === 1 ? '' : 's'}`;
  return `index ${index} of ${list}, made from ${parameterWords(parameters)}`;
}

/**
 * Why an `Fn::FindInMap` whose keys parameter values give (`!FindInMap [Sizes, !Ref Env, Memory]`) and that the
 * mapping lacks gives a value not known before deploy: as an index out of range, such a deploy fails for those
 * values only. `Sizes.test.Memory is not in Mappings, its keys made from parameter Env with its default "test"`.
 */
export function missingMappingReason(path: string, parameters: readonly ParameterValueWords[]): string {
  return `${path} is not in Mappings, its keys made from ${parameterWords(parameters)}`;
}

/** `parameter ArnList with its default ""`; `parameters A with its default "x" and B with its value "y"`. */
function parameterWords(parameters: readonly ParameterValueWords[]): string {
  return parametersNamed(parameters.map(valueWords), listedWithAnd);
}

function valueWords({ name, fromDefault, text, secret }: ParameterValueWords): string {
  const whose = fromDefault ? 'its default' : 'its value';
  if (secret) return `${name} with ${whose} (value not shown)`;
  if (text === undefined || text.length > MAX_SHOWN) return `${name} with ${whose}`;
  return `${name} with ${whose} ${JSON.stringify(text)}`;
}
