import { parametersNamed } from '../../../findings/words.js';
import { type Unknown, unknown } from '../../../model/values.js';
import type { Resolver } from '../intrinsics.js';

/**
 * What a reference reads where a parameter's value (`!Ref Subnet`, an item of a list parameter, text built from one)
 * is text written like a logical id of the template (`Default: PrivateSubnet`, `-p Subnet=PrivateSubnet`): not that
 * resource. "When you specify a parameter's logical name, it returns the value of the parameter"; only a resource's
 * logical name gives the resource (Ref, CloudFormation User Guide): CloudFormation passes the text as written, an id
 * no resource of the template has. Not known before deploy where it is the default (a deploy gives the value); named
 * with the parameters it comes from. Undefined where no parameter gives it, or the text names no resource.
 */
export function textNamingResource(
  resolver: Resolver,
  resources: Record<string, unknown>,
  raw: unknown,
  text: string,
): Unknown | undefined {
  if (!Object.hasOwn(resources, text)) return undefined;
  const parameters = [...resolver.valueParameters(raw)];
  if (parameters.length === 0) return undefined;
  const byDefault = parameters.some((name) => resolver.parameterSource(name)?.origin === 'default');
  const one = parameters.length === 1;
  const gives = `${parametersNamed(parameters)}${byDefault ? ' by default' : ''} give${one ? 's' : ''}`;
  return unknown(
    `${gives} the text "${text}", which CloudFormation passes as written, not as resource ${text}`,
    text,
  );
}
