import { isUnknown, type Unknown } from '../../model/values.js';

/**
 * A parent stack's value made with `Fn::Join` (`!Join [',', [!Ref SubnetA, !Ref SubnetB]]`, or `!Join [',', !Ref
 * Subnets]` of a list parameter), as a nested stack gets it: not known before deploy as a whole, but made of known
 * items: text, or resources of the parent (never holding the delimiter, see joinedItem in nested-stacks.ts). A nested
 * stack takes a list this way, since its parameters are text (nested-stack-parameters.ts), and splits it again:
 * `!Split [',', !Ref Subnets]`, or `!Ref` of a CommaDelimitedList parameter. Kept beside the Unknown the nested stack
 * is given, by identity, so the model's values keep their one shape.
 */
export interface Joined {
  readonly delimiter: string;
  readonly items: readonly (string | Unknown)[];
}

const JOINED = new WeakMap<Unknown, Joined>();

/** `value`, known to be `joined`. */
export function withJoined(value: Unknown, joined: Joined): Unknown {
  JOINED.set(value, joined);
  return value;
}

/**
 * The items `Fn::Split` on `delimiter` gives of a value made by `Fn::Join`: its text items split too (a text
 * `a,b` joined is two), its resources as they are. Undefined when the value is no such one, or was joined with
 * another delimiter (whose items could hold this one).
 */
export function splitJoined(value: unknown, delimiter: string): (string | Unknown)[] | undefined {
  const joined = isUnknown(value) ? JOINED.get(value) : undefined;
  if (joined === undefined || joined.delimiter !== delimiter || delimiter === '') return undefined;
  // Each text item splits on its own: the delimiter between two items is where one ends and the next begins.
  return joined.items.flatMap((item): (string | Unknown)[] =>
    typeof item === 'string' ? item.split(delimiter) : [item],
  );
}
