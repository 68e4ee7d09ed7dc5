import { z } from 'zod';
import { type Check, type CheckOption, describeOptionType } from '../checks/define.js';
import { shown } from './issues.js';
import { closest, listIds, noCheckMatches, resolveCheckKey, sameFirstWords } from './names.js';
import type { ConfigProblem } from './problems.js';

type OptionValues = Readonly<Record<string, unknown>>;

export interface ValidatedOptions {
  /** The options by exact check id: the key evaluate looks them up by. */
  readonly options: Record<string, OptionValues>;
  /** One per wrong entry, naming where it is: at the key that names no check or option, or at the value. */
  readonly problems: ConfigProblem[];
}

/**
 * Checks `checks.options` against the options each check declares (CheckMeta.options): the key must name one
 * check (by its id, in any case), each option must be one the check declares, and each value one the
 * declaration allows. A glob or service is refused: options belong to one check, and the same name means
 * different things to different checks.
 */
export function validateCheckOptions(
  raw: Readonly<Record<string, OptionValues>>,
  checks: readonly Check[],
): ValidatedOptions {
  const options: Record<string, OptionValues> = {};
  const problems: ConfigProblem[] = [];
  const atKey = (message: string, ...path: string[]) =>
    problems.push({ message, path: ['checks', 'options', ...path], on: 'key' });
  const setBy = new Map<string, string>();
  for (const [key, values] of Object.entries(raw)) {
    const named = resolveCheckKey(key, checks);
    if (named.kind === 'none') {
      atKey(noCheckMatches(key, checks, 'checks.options'), key);
      continue;
    }
    if (named.kind === 'pattern') {
      const count = named.checks.length === 1 ? '1 check' : `${named.checks.length} checks`;
      atKey(
        `checks.options: "${key}" is not a check id (it matches ${count}: ${listIds(named.checks)}); ` +
          'options are set per check, by its id',
        key,
      );
      continue;
    }
    const { check } = named;
    const earlier = setBy.get(check.id);
    if (earlier !== undefined) {
      atKey(`checks.options: "${earlier}" and "${key}" both name ${check.id}`, key);
      continue;
    }
    setBy.set(check.id, key);
    const where = `checks.options.${check.id}`;
    const accepted: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(values)) {
      const declared = Object.hasOwn(check.options ?? {}, name) ? check.options?.[name] : undefined;
      if (declared === undefined) {
        atKey(`${where}: ${unknownOption(check, name)}`, key, name);
        continue;
      }
      const problem = valueProblem(declared, value);
      if (problem === undefined) accepted[name] = value;
      else problems.push({ message: `${where}.${name}: ${problem}`, path: ['checks', 'options', key, name] });
    }
    options[check.id] = accepted;
  }
  return { options, problems };
}

function unknownOption(check: Check, name: string): string {
  const declared = Object.keys(check.options ?? {});
  if (declared.length === 0) return `unknown option "${name}": ${check.id} takes no options`;
  const guess = closest(name, declared) ?? sameFirstWords(name, declared);
  const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
  return `unknown option "${name}"${hint}; ${check.id} takes ${declared.map((d) => `"${d}"`).join(', ')}`;
}

/** Why `value` does not fit the declaration, or undefined when it does. */
export function valueProblem(option: CheckOption, value: unknown): string | undefined {
  const result = schemaFor(option).safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  // An item of a list outside its allowed values: name the item, and what it probably meant.
  if (option.type === 'string-list' && option.values && issue?.code === 'invalid_value') {
    const item = Array.isArray(value) ? value[Number(issue.path[0])] : undefined;
    if (typeof item === 'string') {
      const guess = closest(item, option.values);
      const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
      return `"${item}" is not allowed${hint}; expected ${describeOptionType(option)}`;
    }
  }
  return `expected ${describeOptionType(option)}, got ${shown(value)}`;
}

function schemaFor(option: CheckOption): z.ZodType {
  switch (option.type) {
    case 'boolean':
      return z.boolean();
    case 'string-list': {
      const item = option.values ? z.enum(option.values as [string, ...string[]]) : z.string().min(1);
      return z.array(item).min(1);
    }
    case 'number': {
      let schema = option.integer ? z.int() : z.number();
      if (option.min !== undefined) schema = schema.min(option.min);
      if (option.max !== undefined) schema = schema.max(option.max);
      return schema;
    }
  }
}
