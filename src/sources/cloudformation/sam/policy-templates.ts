import data from './policy-templates.json' with { type: 'json' };
import { has, isObject, type JsonObject } from './shapes.js';

/**
 * SAM policy templates (`DynamoDBCrudPolicy: { TableName: ... }`), from the SAM translator's
 * samtranslator/policy_templates_data/policy_templates.json (aws-sam-translator 1.110.0, Apache-2.0),
 * bundled unchanged as policy-templates.json beside this file.
 */
interface PolicyTemplate {
  readonly Parameters: Readonly<Record<string, unknown>>;
  readonly Definition: unknown;
}

const TEMPLATES = (data as unknown as { Templates: Readonly<Record<string, PolicyTemplate>> }).Templates;

export function isPolicyTemplateName(name: string): boolean {
  return Object.hasOwn(TEMPLATES, name);
}

/** The names of the parameters policy template `name` takes (`TableName` of DynamoDBCrudPolicy); none for another name. */
export function policyTemplateParameters(name: string): readonly string[] {
  return Object.keys(TEMPLATES[name]?.Parameters ?? {});
}

export type TemplateResult =
  | { readonly ok: true; readonly document: unknown }
  | { readonly ok: false; readonly message: string };

/**
 * The policy document a template stands for, the way the translator builds it: every `{ Ref: P }` in the
 * definition whose P is a template parameter is replaced by the value the user gave (the same object, so it keeps
 * its location); everything else (`Fn::Sub` with `${AWS::Partition}` and so on) stays as SAM writes it.
 */
export function expandPolicyTemplate(name: string, values: unknown): TemplateResult {
  const template = TEMPLATES[name];
  if (template === undefined) return { ok: false, message: `'${name}' is not a SAM policy template` };
  if (!isObject(values))
    return { ok: false, message: `Must specify valid parameter values for policy template '${name}'` };
  const missing = Object.keys(template.Parameters).filter((parameter) => !has(values, parameter));
  if (missing.length > 0) {
    return {
      ok: false,
      message: `Following required parameters of template '${name}' don't have values: ${missing.join(', ')}`,
    };
  }
  return { ok: true, document: substitute(template.Definition, template.Parameters, values) };
}

function substitute(
  node: unknown,
  parameters: Readonly<Record<string, unknown>>,
  values: JsonObject,
): unknown {
  if (Array.isArray(node)) return node.map((item) => substitute(item, parameters, values));
  if (!isObject(node)) return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && typeof node.Ref === 'string' && Object.hasOwn(parameters, node.Ref))
    return values[node.Ref];
  const copy: JsonObject = {};
  for (const key of keys) copy[key] = substitute(node[key], parameters, values);
  return copy;
}
