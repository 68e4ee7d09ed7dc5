/**
 * How to write an inline suppression, in the syntax of the template that holds it (YAML or JSON) and, for
 * CDK output (a resource with a construct path), as the CDK code that produces it: a CDK user does not
 * edit cdk.out, which the next synth overwrites, so the fix goes in the app.
 */
interface SuppressionSyntax {
  readonly json: boolean;
  /** The resource's construct path, when the template came from CDK. */
  readonly cdkPath?: string;
}

export function suppressionSyntax(file: string, cdkPath: string | undefined): SuppressionSyntax {
  const json = file.toLowerCase().endsWith('.json');
  return cdkPath !== undefined && cdkPath !== '' ? { json, cdkPath } : { json };
}

/** One `ignore` entry: for `lambda.x`, `"- id: lambda.x" with a "reason: ..." below it` in YAML. */
export function entryAdvice(syntax: SuppressionSyntax, id?: string): string {
  const written = syntax.json
    ? `{"id": ${JSON.stringify(id ?? '<check id>')}, "reason": "..."}`
    : id === undefined
      ? '"- id: <check id>" with a "reason: ..."'
      : `"- id: ${id}" with a "reason: ..." below it`;
  return withCdk(syntax, written, `{ id: ${tsString(id ?? '<check id>')}, reason: '...' }`);
}

/** The `ignore` list, for an `ignore` that is not one. */
export function ignoreListAdvice(syntax: SuppressionSyntax): string {
  const written = syntax.json
    ? 'one {"id": "<check id>", "reason": "..."} entry per check'
    : 'one "- id: <check id>" entry per check';
  return withCdk(syntax, written, "{ id: '<check id>', reason: '...' }");
}

/** The whole `parapet` mapping, for a `parapet` that is not one. */
export function parapetAdvice(syntax: SuppressionSyntax): string {
  const written = syntax.json ? '"parapet": {"ignore": [...]}' : '"parapet: { ignore: [...] }"';
  return withCdk(syntax, written, "{ id: '<check id>', reason: '...' }");
}

/** The template form, then for CDK output the call that writes it, on the construct the path names. */
function withCdk(syntax: SuppressionSyntax, written: string, entry: string): string {
  const path = syntax.cdkPath;
  if (path === undefined) return written;
  const l2 = isDefaultChild(path);
  // `CfnResource.addMetadata` writes the resource's template Metadata; `construct.node.addMetadata` would
  // not (it goes to the cloud assembly only). An L2 construct's resource is its default child.
  const target = l2 ? '(construct.node.defaultChild as cdk.CfnResource)' : 'cfnResource';
  const construct = l2 ? path.slice(0, path.lastIndexOf('/')) : path;
  return `${written}; in the CDK app, on ${construct}: ${target}.addMetadata('parapet', { ignore: [${entry}] })`;
}

/** An L2 construct's CloudFormation resource is the child `Resource` (or `Default`); other paths are L1s. */
function isDefaultChild(path: string): boolean {
  const last = path.slice(path.lastIndexOf('/') + 1);
  return path.includes('/') && (last === 'Resource' || last === 'Default');
}

function tsString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
