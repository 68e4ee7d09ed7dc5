import type { SourceRef } from '../../../model/source.js';
import type { LambdaTask } from '../../../model/stepfunctions.js';
import { isUnknown, shapeOf, type Unknown, unknown, type Value } from '../../../model/values.js';
import { asRecord, toText } from '../intrinsic-values.js';
import { isLocalFile } from '../local-files.js';
import { DEFINITION_JSON, definitionFromFile } from '../state-machine-files.js';
import { substitute } from '../text-intrinsics.js';
import type { MapContext } from './context.js';

/**
 * The Resource of a Task that calls Lambda's Invoke API: the optimized integration (also `.waitForTaskToken`, whose
 * Invoke may still be `Event`) or the SDK integration. The partition may be `${AWS::Partition}`, as CDK writes it.
 */
const LAMBDA_INVOKE =
  /^arn:(?:\$\{[^}]*\}|[^:$])*:states:::(?:aws-sdk:)?lambda:invoke(?:\.waitForTaskToken)?$/;

/** A JSONata expression (`{% $states.input.fn %}`), evaluated when the state runs. */
const JSONATA = /^\{%[\s\S]*%\}$/;

/**
 * How the parts of a definition are read: from the template (`Definition`), from JSON text (`DefinitionString`) or
 * from a local file read into the template (`DefinitionUri`, `DefinitionS3Location`).
 */
interface DefinitionReader {
  object(raw: unknown): Record<string, unknown> | undefined;
  list(raw: unknown): readonly unknown[];
  /** Text, with DefinitionSubstitutions replaced; as a reference, a resource of the template is its logical id. */
  text(raw: unknown, asReference?: boolean): Value<string | undefined>;
  where(node: object, key: string): SourceRef;
}

/**
 * The Lambda invocations a state machine's definition makes, as written (the function not yet matched to the
 * template's: see link.ts); Unknown when the definition is not in the template or a local file read into it
 * (state-machine-files.ts), or is text that is not JSON before deploy.
 */
export function lambdaTasksOf(ctx: MapContext, props: Record<string, unknown>): Value<LambdaTask[]> {
  return ctx.withinJson(() => {
    const substitutions = ctx.object(props.DefinitionSubstitutions);
    const given = substitutions === undefined || isUnknown(substitutions) ? {} : substitutions;
    if (props.Definition !== undefined) {
      const definition = ctx.object(props.Definition);
      if (definition === undefined || isUnknown(definition))
        return unknown('the Definition is not known before deploy');
      return tasksIn(definition, templateReader(ctx, given));
    }
    if (props.DefinitionString !== undefined) return fromText(ctx, props, given);
    for (const property of ['DefinitionUri', 'DefinitionS3Location']) {
      const value = props[property];
      const file = definitionFromFile(value);
      if (file !== undefined) return tasksIn(file, fileReader(ctx, given));
      if (typeof value === 'string' && isLocalFile(value))
        return unknown(`the ${property} is a file Parapet could not read (${value})`);
    }
    return unknown('the definition is not in the template (DefinitionS3Location, DefinitionUri in S3)');
  });
}

/**
 * DefinitionString: JSON text, whose parts not known before deploy (`${Fn.Arn}` of an `!Sub`) are placeholders. One
 * may stand for a whole value, outside quotes (`"TimeoutSeconds": ${Timeout}`), as DefinitionSubstitutions' do: the
 * text is JSON only once filled, so it is read as the text `${name}` there (DEFINITION_JSON), as in a definition file.
 */
function fromText(
  ctx: MapContext,
  props: Record<string, unknown>,
  substitutions: Record<string, unknown>,
): Value<LambdaTask[]> {
  const text = ctx.string(props.DefinitionString);
  const shape = text === undefined ? undefined : shapeOf(text);
  if (shape === undefined) return unknown('the DefinitionString is not known before deploy');
  const outer = isUnknown(text) ? text : undefined;
  const read = ctx.readJson(props, 'DefinitionString', shape, DEFINITION_JSON);
  if (isUnknown(read)) return read;
  if ('invalid' in read) {
    const { found, line, column } = read.invalid;
    const fault = `${found} at line ${line}, column ${column} of its text`;
    return unknown(
      outer === undefined
        ? `the DefinitionString is not JSON: ${fault}`
        : `the DefinitionString is not known before deploy (${outer.reason}), and is not JSON as written: ${fault}`,
    );
  }
  const definition = asRecord(read.value);
  if (definition === undefined)
    // `!Ref Definition` whole is read as `${Definition}`, a value.
    return unknown(
      outer === undefined
        ? 'the DefinitionString is not a JSON object'
        : `the DefinitionString is not known before deploy (${outer.reason})`,
    );
  // A `${name}` not substituted is what the `!Sub` left unknown (a resource, a parameter), or, in text written
  // whole, a substitution not given.
  const placeholder = (name: string): Unknown =>
    outer === undefined
      ? unknown(`\${${name}} is not given by DefinitionSubstitutions`, `\${${name}}`)
      : unknown(outer.reason, `\${${name}}`, {
          resources: only(outer.resources, name),
          otherStacks: only(outer.otherStacks, name),
        });
  const source = ctx.source(props, 'DefinitionString');
  const reader: DefinitionReader = {
    object: asRecord,
    list: (raw) => (Array.isArray(raw) ? raw : []),
    text: (raw, asReference = false) => {
      if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
      if (typeof raw !== 'string') return undefined;
      return substituted(ctx, raw, substitutions, asReference, placeholder);
    },
    where: () => source,
  };
  return tasksIn(definition, reader);
}

/** `[name]` when a value's list of `${...}` names holds it (see Unknown.resources, Unknown.otherStacks). */
function only(names: readonly string[] | undefined, name: string): readonly string[] | undefined {
  return names?.includes(name) ? [name] : undefined;
}

/** Definition (and SAM's): the template's own objects, with intrinsics anywhere, each located where written. */
function templateReader(ctx: MapContext, substitutions: Record<string, unknown>): DefinitionReader {
  const placeholder = (name: string) =>
    unknown(`\${${name}} is not given by DefinitionSubstitutions`, `\${${name}}`);
  return {
    object: (raw) => {
      const value = ctx.object(raw);
      return isUnknown(value) ? undefined : value;
    },
    list: (raw) => {
      const value = ctx.list(raw, (item) => item);
      return isUnknown(value) ? [] : value;
    },
    text: (raw, asReference = false) => {
      const value = asReference ? ctx.reference(raw) : ctx.string(raw);
      return typeof value === 'string'
        ? substituted(ctx, value, substitutions, asReference, placeholder)
        : value;
    },
    where: (node, key) => ctx.source(node, key),
  };
}

/**
 * A definition read from a local file (DefinitionUri, DefinitionS3Location: state-machine-files.ts): taken as
 * written, as CloudFormation takes the file from S3, with only its `${name}`s filled by DefinitionSubstitutions; an
 * intrinsic function there is no text. Each part is located where the file writes it.
 */
function fileReader(ctx: MapContext, substitutions: Record<string, unknown>): DefinitionReader {
  const placeholder = (name: string) =>
    unknown(`\${${name}} is not given by DefinitionSubstitutions`, `\${${name}}`);
  return {
    object: asRecord,
    list: (raw) => (Array.isArray(raw) ? raw : []),
    text: (raw, asReference = false) => {
      if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
      if (typeof raw === 'string') return substituted(ctx, raw, substitutions, asReference, placeholder);
      return raw === undefined || raw === null
        ? undefined
        : unknown(
            'the definition file writes an object where Step Functions takes text (CloudFormation runs no intrinsic function there)',
          );
    },
    where: (node, key) => ctx.source(node, key),
  };
}

/**
 * Text with its `${name}`s replaced by DefinitionSubstitutions, as CloudFormation does on deploy. Text that is one
 * `${name}` is read as the substitution itself: `!GetAtt Fn.Arn` names the function Fn.
 */
function substituted(
  ctx: MapContext,
  text: string,
  substitutions: Record<string, unknown>,
  asReference: boolean,
  placeholder: (name: string) => Unknown,
): Value<string | undefined> {
  if (!text.includes('${')) return text;
  const given = (name: string) => Object.hasOwn(substitutions, name);
  const whole = /^\$\{([^}]+)\}$/.exec(text)?.[1];
  if (whole !== undefined && given(whole)) {
    const raw = substitutions[whole];
    return asReference ? ctx.reference(raw) : ctx.string(raw);
  }
  const result = substitute(text, (name) =>
    given(name) ? ctx.resolver.value(substitutions[name]) : placeholder(name),
  );
  return toText(result);
}

/** The Lambda invocations of a state machine's (or a branch's) states, nested states included. */
function tasksIn(machine: Record<string, unknown>, reader: DefinitionReader): LambdaTask[] {
  const tasks: LambdaTask[] = [];
  const walk = (scope: Record<string, unknown>) => {
    const states = reader.object(scope.States);
    if (states === undefined) return;
    for (const [name, raw] of Object.entries(states)) {
      const state = reader.object(raw);
      if (state === undefined) continue;
      const type = reader.text(state.Type);
      if (type === 'Parallel') {
        for (const branch of reader.list(state.Branches)) {
          const branchScope = reader.object(branch);
          if (branchScope !== undefined) walk(branchScope);
        }
      } else if (type === 'Map') {
        // ItemProcessor, or Iterator as Map states were first written.
        const processor = reader.object(state.ItemProcessor ?? state.Iterator);
        if (processor !== undefined) walk(processor);
      } else if (type === 'Task') {
        const task = lambdaTask(name, state, reader, reader.where(states, name));
        if (task !== undefined) tasks.push(task);
      }
    }
  };
  walk(machine);
  return tasks;
}

/** A Task state that calls Lambda's Invoke API, with the API's parameters it gives; undefined for other Tasks. */
function lambdaTask(
  name: string,
  state: Record<string, unknown>,
  reader: DefinitionReader,
  source: SourceRef,
): LambdaTask | undefined {
  const resource = reader.text(state.Resource);
  const shape = resource === undefined ? undefined : shapeOf(resource);
  if (shape === undefined || !LAMBDA_INVOKE.test(shape)) return undefined;
  // Parameters with JSONPath (the default), Arguments with JSONata (QueryLanguage: JSONata).
  const written = state.Arguments ?? state.Parameters;
  const args = reader.object(written);
  const argument = (key: string, asReference = false): Value<string | undefined> => {
    if (args === undefined) {
      return written === undefined
        ? undefined
        : unknown(`the Arguments of state ${name} are a JSONata expression, evaluated at run time`);
    }
    if (Object.hasOwn(args, `${key}.$`))
      return unknown(`${key}.$ of state ${name} is a path into its input, read at run time`);
    const value = reader.text(args[key], asReference);
    return typeof value === 'string' && JSONATA.test(value)
      ? unknown(`${key} of state ${name} is a JSONata expression, evaluated at run time`)
      : value;
  };
  const qualifier = argument('Qualifier');
  return {
    state: name,
    functionRef: argument('FunctionName', true) ?? unknown(`state ${name} gives no FunctionName`),
    invocationType: argument('InvocationType') ?? 'RequestResponse',
    ...(qualifier === undefined ? {} : { qualifier }),
    source,
  };
}
