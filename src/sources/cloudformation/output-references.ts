import type { ScanError } from '../../findings/finding.js';
import type { Locator } from '../../model/source.js';
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
  return errors;
}

/**
 * Adds to `found` the names `value` uses (`Ref`, `Fn::GetAtt`, `${Name}` of an `Fn::Sub`) that the template does not
 * define, in order. What an `Fn::Transform` makes is left alone, and so is what an `Fn::If` holds unless `intoIf`.
 */
export function undefinedNamesIn(
  value: unknown,
  resolver: Resolver,
  found: UndefinedName[],
  intoIf = false,
): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) undefinedNamesIn(item, resolver, found, intoIf);
    return;
  }
  const record = value as Record<string, unknown>;
  if (Object.hasOwn(record, 'Fn::Transform') || (!intoIf && Object.hasOwn(record, 'Fn::If'))) return;
  for (const key in record) {
    const child = record[key];
    if (key === 'Ref' && typeof child === 'string') {
      const why = resolver.undefinedName(child);
      if (why !== undefined) found.push({ target: child, why, node: record, key });
    } else if (key === 'Fn::GetAtt') {
      getAtt(child, record, resolver, found, intoIf);
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(child) ? child[0] : child;
      const variables = (Array.isArray(child) ? asRecord(child[1]) : undefined) ?? {};
      for (const name of typeof text === 'string' ? subNames(text) : []) {
        if (Object.hasOwn(variables, name)) continue;
        const why = subNameUndefined(name, resolver);
        if (why !== undefined) found.push({ target: name.split('.')[0] as string, why, node: record, key });
      }
      undefinedNamesIn(variables, resolver, found, intoIf);
    } else undefinedNamesIn(child, resolver, found, intoIf);
  }
}

/** `!GetAtt Missing.Arn` or `[Missing, Arn]`; an attribute given by an intrinsic (`!Ref Attr`) is walked too. */
function getAtt(
  args: unknown,
  node: Record<string, unknown>,
  resolver: Resolver,
  found: UndefinedName[],
  intoIf: boolean,
) {
  const [id, attribute] = Array.isArray(args)
    ? [args[0], args[1]]
    : typeof args === 'string'
      ? args.split(/\.(.*)/s, 2)
      : [];
  if (typeof id === 'string') {
    const named = typeof attribute === 'string' ? attribute : undefined;
    const why = resolver.undefinedGetAtt(id, named);
    // `[Fn.Alias, Arn]`: SAM reads the parts joined by dots, as `!GetAtt Fn.Alias.Arn`.
    const [head, rest] = `${id}.${named}`.split(/\.(.*)/s, 2) as [string, string];
    const joined =
      id.includes('.') && named !== undefined && resolver.undefinedGetAtt(head, rest) === undefined;
    if (why !== undefined && !joined) found.push({ target: id, why, node, key: 'Fn::GetAtt' });
  }
  undefinedNamesIn(attribute, resolver, found, intoIf);
}

/** `${Name}` is a Ref; `${Res.Attr}` a GetAtt (or a SAM property, `${Fn.Alias}`); `${AWS::Region}` a pseudo parameter. */
function subNameUndefined(name: string, resolver: Resolver): string | undefined {
  const dot = name.indexOf('.');
  if (dot === -1 || name.startsWith('AWS::')) return resolver.undefinedName(name, true);
  if (resolver.undefinedName(name, true) === undefined) return undefined;
  return resolver.undefinedGetAtt(name.slice(0, dot), name.slice(dot + 1));
}
