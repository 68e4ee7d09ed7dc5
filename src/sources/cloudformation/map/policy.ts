import type { PolicyDocument, Principals, Statement } from '../../../model/iam.js';
import { setOwn } from '../../../model/own.js';
import type { FileSource, SourceRef, WrittenItem } from '../../../model/source.js';
import { isUnknown, unknown, type Value } from '../../../model/values.js';
import { asRecord, intrinsicName } from '../intrinsic-values.js';
import type { MapContext } from './context.js';
import { subJsonText } from './json-text.js';
import {
  checkPolicyDocument,
  checkStatement,
  type PolicyGrammar,
  rejectedDocument,
} from './policy-grammar.js';

/**
 * Reads an IAM policy document (the user's objects stay the location of each statement). `grammar` names an
 * identity or trust policy IAM judges (`inline policy app`, `AssumeRolePolicyDocument`), whose grammar is checked
 * (see policy-grammar.ts); other documents (resource policies of other services) are read as they are.
 */
export function readPolicyDocument(
  ctx: MapContext,
  raw: unknown,
  where: FileSource,
  grammar?: PolicyGrammar,
): Value<PolicyDocument> {
  // A policy document is JSON to CloudFormation: IAM, not the template, judges what is in it.
  return ctx.withinJson(() => readDocument(ctx, documentOf(ctx, raw, where), where, grammar));
}

/**
 * What a policy property gives, its JSON text parsed (each part located at the property). CloudFormation's `Json`
 * type takes an object or its JSON text: AssumeRolePolicyDocument and the PolicyDocument of AWS::IAM::Role Policies,
 * AWS::IAM::Policy, RolePolicy and ManagedPolicy are all `Json` (CloudFormation Template Reference), and AWS's own
 * samples write a trust policy as text (awsdocs/aws-lambda-developer-guide templates/function-inline.yml). Text an
 * `!Sub` builds of values not known before deploy is read where they sit inside its strings (subDocument); other
 * such text (a `!Join`, a placeholder outside a string) is not: what it grants may hang on them.
 */
function documentOf(ctx: MapContext, raw: unknown, where: FileSource): unknown {
  // Most documents are written as mappings: nothing to resolve.
  if (raw === null || typeof raw !== 'object' || intrinsicName(raw) !== undefined) {
    const value = ctx.resolver.shallow(raw);
    const built = intrinsicName(raw);
    if (isUnknown(value) && (built === 'Fn::Sub' || built === 'Fn::Join'))
      return (
        (built === 'Fn::Sub'
          ? subDocument(ctx, (raw as Record<string, unknown>)[built], where)
          : undefined) ??
        unknown(
          `${textName(where)} is JSON that ${built} builds of values not known before deploy (${value.reason})`,
        )
      );
    if (typeof value !== 'string') return value;
    return ctx.jsonTextAt(value, where, textName(where));
  }
  return raw;
}

/**
 * The JSON text of an `Fn::Sub` (its arguments `args`) whose `${...}` placeholders all sit inside strings, read with
 * each such string as `!Sub` of it alone gives it (`"arn:${AWS::Partition}:s3:::*"`, an ARN whose partition is not
 * known): people write a document as `!Sub` text to put an account id or a bucket's name in it. Undefined where a
 * placeholder stands outside a string (a number, a whole value) or the text is not JSON: what it grants is not known.
 * A value inserted is taken to hold no `"` (which would end its string early), as ARNs and names do not.
 */
function subDocument(ctx: MapContext, args: unknown, where: FileSource): unknown {
  const [text, variables] = Array.isArray(args) ? args : [args];
  if (typeof text !== 'string') return undefined;
  return subJsonText(
    text,
    (masked) => {
      const parsed = ctx.jsonTextAt(masked, where, textName(where));
      return isUnknown(parsed) ? undefined : parsed;
    },
    // The whole text was resolved once already: each problem of a name in it is told there, not again.
    (template) =>
      ctx.resolver.quietly(() =>
        ctx.resolver.value({ 'Fn::Sub': variables === undefined ? template : [template, variables] }),
      ),
  );
}

/** `the PolicyDocument text`: how a document given as text is named in a reason. */
function textName(where: FileSource): string {
  return typeof where.key === 'string' ? `the ${where.key} text` : 'the policy document';
}

function readDocument(
  ctx: MapContext,
  raw: unknown,
  where: SourceRef,
  grammar: PolicyGrammar | undefined,
): Value<PolicyDocument> {
  const doc = ctx.object(raw);
  if (isUnknown(doc)) return doc;
  if (doc === undefined) return unknown('no policy document');
  const rejected = grammar ? checkPolicyDocument(ctx, doc, grammar) : [];
  // What makes IAM reject a trust policy leaves who may assume the role unknown: the stack fails to deploy.
  // An identity statement's errors are told, and the rest of it read as written (as before): nothing is kept.
  const keepsStatementProblems = grammar?.kind === 'trust';
  // A statement an `!If` removed (AWS::NoValue) leaves a gap: the ones after it keep their written index, so
  // that a finding names the same statement in every case of the condition.
  let kept = 0;
  const single = !Array.isArray(doc.Statement);
  const statements = ctx.list(doc.Statement, (entry, index, list) => {
    const place = single ? 'Statement' : `Statement[${index}]`;
    const judged = grammar && { ...grammar, label: `${grammar.label}, ${place}` };
    const rejects = keepsStatementProblems
      ? (problem: string) => rejected.push(`${place} ${problem}`)
      : undefined;
    const statement = readStatement(ctx, entry, ctx.source(list, index), judged, rejects);
    return kept++ === index ? statement : { ...statement, writtenIndex: index };
  });
  // A document IAM rejects whole grants nothing the checks can weigh; its statements were read for their errors.
  if (rejected.length > 0) return rejectedDocument(rejected);
  return { statements, source: where };
}

/**
 * A statement; `grammar` names it in errors when it is one of a policy IAM judges (see readPolicyDocument), and
 * `rejects` (where given) hears each thing IAM refuses in it.
 */
function readStatement(
  ctx: MapContext,
  raw: unknown,
  where: SourceRef,
  grammar: PolicyGrammar | undefined,
  rejects: ((problem: string) => void) | undefined,
): Statement {
  const st = ctx.object(raw);
  if (isUnknown(st) || st === undefined) {
    return { effect: isUnknown(st) ? st : unknown('empty statement'), source: where };
  }
  if (grammar) checkStatement(ctx, st, grammar.label, grammar.kind, rejects);
  const source = ctx.source(st);
  const effect = ctx.string(st.Effect);
  return {
    // An empty Sid names nothing: the statement is named by its place, as one without.
    sid: typeof st.Sid === 'string' && st.Sid.trim() !== '' ? st.Sid : undefined,
    effect:
      effect === 'Allow' || effect === 'Deny'
        ? effect
        : isUnknown(effect)
          ? effect
          : unknown(`invalid Effect ${String(effect)}`),
    ...('Action' in st ? { actions: ctx.strings(st.Action) } : {}),
    ...('NotAction' in st ? { notActions: ctx.strings(st.NotAction) } : {}),
    ...('Resource' in st ? { resources: ctx.strings(st.Resource) } : {}),
    ...('NotResource' in st ? { notResources: ctx.strings(st.NotResource) } : {}),
    ...('Principal' in st ? { principals: readPrincipals(ctx, st.Principal) } : {}),
    ...('NotPrincipal' in st ? { notPrincipals: readPrincipals(ctx, st.NotPrincipal) } : {}),
    ...('Condition' in st ? { conditions: readConditions(ctx, st.Condition) } : {}),
    source,
  };
}

function readPrincipals(ctx: MapContext, raw: unknown): Value<Principals> {
  const value = ctx.resolver.shallow(raw);
  if (isUnknown(value)) return value;
  if (typeof value === 'string') {
    if (value !== '*') return unknown(`invalid principal ${value}`);
    return value === raw ? { AWS: ['*'] } : { AWS: ['*'], places: { AWS: [{ index: 0, fixed: false }] } };
  }
  const record = asRecord(value);
  if (!record) return unknown('invalid principal');
  // A value is fixed only where the block is written in place: one an `!If` chooses is not.
  const written = value === raw;
  const out: Record<string, Value<Value<string>[]>> = {};
  const places: Record<string, WrittenItem[]> = {};
  for (const kind of ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const) {
    if (!(kind in record)) continue;
    const values = ctx.strings(record[kind]);
    out[kind] = values;
    // A list not known before deploy is one principal to the analysis (principalEntries).
    // Only where some principal is not fixed text: a fixed one is keyed on its value (writtenItemKey).
    const raw = record[kind];
    if (
      written &&
      (typeof raw === 'string' || (Array.isArray(raw) && raw.every((v) => typeof v === 'string')))
    )
      continue;
    const where = ctx.writtenItems(raw, isUnknown(values) ? 1 : values.length, written);
    if (where?.some((item) => !item.fixed)) places[kind] = where;
  }
  return (Object.keys(places).length > 0 ? { ...out, places } : out) as Principals;
}

function readConditions(ctx: MapContext, raw: unknown): Statement['conditions'] {
  const block = ctx.object(raw);
  if (isUnknown(block)) return block;
  const out: Record<string, Record<string, Value<Value<string>[]>>> = {};
  for (const [operator, keys] of Object.entries(block ?? {})) {
    const entries = ctx.object(keys);
    if (isUnknown(entries) || entries === undefined) continue;
    const read: Record<string, Value<Value<string>[]>> = {};
    for (const [key, values] of Object.entries(entries)) setOwn(read, key, ctx.strings(values));
    setOwn(out, operator, read);
  }
  return out;
}
