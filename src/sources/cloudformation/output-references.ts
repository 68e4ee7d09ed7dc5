import type { ScanError } from '../../findings/finding.js';
import type { Locator } from '../../model/source.js';
import { undefinedConditionMessage } from './conditions.js';
import { undefinedConditionsNamed } from './if-conditions.js';
import { asRecord, subNames } from './intrinsic-values.js';
import type { Resolver } from './intrinsics.js';

/** A name an output or a resource uses that the template does not define, where it is written. */
export interface UndefinedName {
  /** As CloudFormation lists it: `Missing` of `!GetAtt Missing.Arn`. */
  readonly target: string;
  readonly why: string;
  readonly node: object;
  readonly key: string;
}

/**
 * Template errors for the names the Outputs use (`Ref`, `Fn::GetAtt`, `${Name}` of an `Fn::Sub`, in Value and
 * Export) that are neither a parameter, a pseudo parameter nor a resource: CloudFormation refuses the template
 * ("Template format error: Unresolved resource dependencies [Missing] in the Outputs block of the template"), as it
 * does such a name in Resources, which the resolver reports as it reads them. What SAM generates (`ServerlessRestApi`,
 * `FnRole`, `Fn.Alias`) and the ids a loop or an inclusion may make are defined: the resolver knows them.
 *
 * Left alone, lest a valid template be refused: an output whose Condition is not known to hold (CloudFormation
 * resolves no output whose condition is false: giving an output naming a resource left out the resource's condition
 * mended "Unresolved resource dependencies [...] in the Outputs block", awslabs/aws-api-gateway-developer-portal#216;
 * and the condition is not worked out here, which would change which cases of the template are explored), an `Fn::If`
 * (which may be on that very condition), what an `Fn::Transform` makes, a loop not expanded (`Fn::ForEach::…` key),
 * and the whole section when a macro Parapet does not run transforms the template.
 */
export function undefinedNamesInOutputs(
  doc: Record<string, unknown>,
  resolver: Resolver,
  locator: Locator,
  /** The undefined conditions the Resources name, told there already. */
  conditionsTold: ReadonlySet<string> = new Set(),
): ScanError[] {
  const outputs = asRecord(doc.Outputs) ?? {};
  const errors: ScanError[] = [];
  for (const name in outputs) {
    if (name.startsWith('Fn::ForEach::')) continue;
    const output = asRecord(outputs[name]);
    if (output === undefined) continue;
    const condition = output.Condition;
    if (
      condition !== undefined &&
      (typeof condition !== 'string' || resolver.settledCondition(condition) !== true)
    )
      continue;
    const found: UndefinedName[] = [];
    undefinedNamesIn(output.Value, resolver, found);
    undefinedNamesIn(output.Export, resolver, found);
    const seen = new Set<string>();
    for (const { target, why, node, key } of found) {
      if (seen.has(target)) continue;
      seen.add(target);
      errors.push({
        kind: 'template',
        message: `output ${name}: ${why} (CloudFormation refuses the template: Unresolved resource dependencies [${target}] in the Outputs block)`,
        file: locator.file,
        ...(locator.locate(node, key) ?? locator.locate(node)),
      });
    }
  }
  // So is an undefined condition, an output's own Condition or an Fn::If's (see undefinedConditionsNamed), but for
  // the Fn::Ifs of an output whose Condition may not hold, as above.
  const mayHold = (output: Record<string, unknown>) =>
    output.Condition === undefined ||
    (typeof output.Condition === 'string' && resolver.settledCondition(output.Condition) === true);
  const defined = (condition: string) => resolver.definesCondition(condition);
  for (const use of undefinedConditionsNamed(doc.Outputs, defined, new Set(conditionsTold), mayHold)) {
    errors.push({
      kind: 'template',
      message: `output ${use.id}: ${undefinedConditionMessage(use.name)}`,
      file: locator.file,
      ...(locator.locate(use.node, use.key) ?? locator.locate(use.node)),
    });
  }
  return errors;
}

/**
 * A name a value uses: a `Ref`'s, an `Fn::GetAtt`'s id (and attribute, as written) or a `${Name}` of an `Fn::Sub`
 * that is none of its variables. `node` holds it under `key`.
 */
interface NameUse {
  readonly key: 'Ref' | 'Fn::GetAtt' | 'Fn::Sub';
  readonly name: string;
  readonly attribute?: string;
  readonly node: Record<string, unknown>;
}

/**
 * Calls `visit` with each name `value` uses (see NameUse), in order. What an `Fn::Transform` makes is left alone, and
 * so is what an `Fn::If` holds unless `intoIf`; an `Fn::GetAtt`'s attribute given by an intrinsic is walked too.
 */
export function walkNames(value: unknown, visit: (use: NameUse) => void, intoIf: boolean): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) walkNames(item, visit, intoIf);
    return;
  }
  const node = value as Record<string, unknown>;
  if (Object.hasOwn(node, 'Fn::Transform') || (!intoIf && Object.hasOwn(node, 'Fn::If'))) return;
  for (const key in node) {
    const child = node[key];
    if (key === 'Ref' && typeof child === 'string') visit({ key, name: child, node });
    else if (key === 'Fn::GetAtt') {
      // `!GetAtt Missing.Arn` or `[Missing, Arn]`.
      const [id, attribute] = Array.isArray(child)
        ? [child[0], child[1]]
        : typeof child === 'string'
          ? child.split(/\.(.*)/s, 2)
          : [];
      if (typeof id === 'string')
        visit({ key, name: id, ...(typeof attribute === 'string' ? { attribute } : {}), node });
      walkNames(attribute, visit, intoIf);
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(child) ? child[0] : child;
      const variables = (Array.isArray(child) ? asRecord(child[1]) : undefined) ?? {};
      for (const name of typeof text === 'string' ? subNames(text) : [])
        if (!Object.hasOwn(variables, name)) visit({ key, name, node });
      walkNames(variables, visit, intoIf);
    } else walkNames(child, visit, intoIf);
  }
}

/**
 * Adds to `found` the names `value` uses (see walkNames) that the template does not define, in order.
 */
export function undefinedNamesIn(
  value: unknown,
  resolver: Resolver,
  found: UndefinedName[],
  intoIf = false,
): void {
  walkNames(
    value,
    ({ key, name, attribute, node }) => {
      const why =
        key === 'Ref'
          ? resolver.undefinedName(name)
          : key === 'Fn::GetAtt'
            ? getAttUndefined(name, attribute, resolver)
            : subNameUndefined(name, resolver);
      const target = key === 'Fn::Sub' ? (name.split('.')[0] as string) : name;
      if (why !== undefined) found.push({ target, why, node, key });
    },
    intoIf,
  );
}

/** Why `!GetAtt id.attribute` names what the template does not define; undefined where it does. */
function getAttUndefined(id: string, attribute: string | undefined, resolver: Resolver): string | undefined {
  const why = resolver.undefinedGetAtt(id, attribute);
  // `[Fn.Alias, Arn]`: SAM reads the parts joined by dots, as `!GetAtt Fn.Alias.Arn`.
  const [head, rest] = `${id}.${attribute}`.split(/\.(.*)/s, 2) as [string, string];
  const joined =
    id.includes('.') && attribute !== undefined && resolver.undefinedGetAtt(head, rest) === undefined;
  return joined ? undefined : why;
}

/** `${Name}` is a Ref; `${Res.Attr}` a GetAtt (or a SAM property, `${Fn.Alias}`); `${AWS::Region}` a pseudo parameter. */
function subNameUndefined(name: string, resolver: Resolver): string | undefined {
  const dot = name.indexOf('.');
  if (dot === -1 || name.startsWith('AWS::')) return resolver.undefinedName(name, true);
  if (resolver.undefinedName(name, true) === undefined) return undefined;
  return resolver.undefinedGetAtt(name.slice(0, dot), name.slice(dot + 1));
}
