// A value that only wraps one other (`!Sub '${Role.Arn}'`, `!Join ['', [x]]`), read as that one, as CloudFormation
// resolves it: by the mapping (a function's Role, a route's table) and by the exports other stacks import.
import { asRecord } from './intrinsic-values.js';
import type { Resolver } from './intrinsics.js';

/** `${Name}` or `${Name.Attribute}` (`${Db.Endpoint.Address}`, `${Stack.Outputs.Arn}`): the whole text one placeholder. */
const LONE_PLACEHOLDER = /^\$\{(([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?)\}$/;

/**
 * `!Sub '${Table}'` (the whole text one placeholder), `!Sub ['${T}', { T: x }]` (one variable) and `!Join [d, [x]]` (one
 * item joined, whatever the delimiter d) are the `Ref` or the value they hold, as CloudFormation resolves them: read as
 * such (the Sub where it names a resource of the template), so that a route written `RouteTableId: !Sub '${Table}'` is
 * on that table, not on one not known. `!Sub '${Role.Arn}'` is `!GetAtt Role.Arn` ("`${MyResource.Arn}` ... is the
 * same as `Fn::GetAtt`": CloudFormation User Guide, Fn::Sub), so that a function whose Role is written so runs as that
 * role; the attribute is kept, for a reader that tells an ARN from a name (an alarm's FunctionName dimension). Other
 * text made from a table is not known, but a route on it is doubted on that table (network-links.ts,
 * Resource.attachedUnseen).
 */
export function loneResourceReference(
  raw: unknown,
  resources: Record<string, unknown>,
  sam: Pick<Resolver, 'isSamProperty'>,
): object | undefined {
  const record = asRecord(raw);
  if (record === undefined || Object.keys(record).length !== 1) return undefined;
  const sub = record['Fn::Sub'];
  // `!Sub ['${T}', { T: x }]`: the variable's value is the whole text ("Fn::Sub", CloudFormation User Guide: each
  // variable's name in the text is replaced by the value the map gives it).
  const [text, variables] = Array.isArray(sub) ? sub : [sub, undefined];
  if (typeof text === 'string') {
    const [, whole, name, attribute] = LONE_PLACEHOLDER.exec(text) ?? [];
    if (whole === undefined || name === undefined) return undefined;
    const vars = asRecord(variables);
    if (vars !== undefined && Object.hasOwn(vars, whole)) return loneIntrinsic(vars[whole]);
    if (!Object.hasOwn(resources, name)) return undefined;
    if (attribute === undefined) return { Ref: name };
    // `${Fn.Alias}` is the alias SAM makes (read so by the resolver), not an attribute of Fn.
    if (sam.isSamProperty(`${name}.${attribute.split('.')[0]}`)) return undefined;
    return { 'Fn::GetAtt': [name, attribute] };
  }
  // A delimiter goes only between items ("Fn::Join", CloudFormation User Guide): one item is joined to itself.
  const join = record['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1]) && join[1].length === 1)
    return loneIntrinsic(join[1][0]);
  return undefined;
}

/** `value` where it is one intrinsic function (`{ Ref: X }`, `{ 'Fn::If': [...] }`), not text or a mapping of several. */
function loneIntrinsic(value: unknown): object | undefined {
  const item = asRecord(value);
  return item !== undefined && Object.keys(item).length === 1 ? item : undefined;
}
