import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

/** CloudFormation's short-form tags as their long forms, as the project's template parser gives them. */
const FUNCTIONS = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub'];
const CONDITIONS = ['And', 'Equals', 'If', 'Not', 'Or'];

function tags(): yaml.Type[] {
  const types: yaml.Type[] = [];
  for (const kind of ['scalar', 'sequence', 'mapping'] as const) {
    types.push(new yaml.Type('!Ref', { kind, construct: (data: unknown) => ({ Ref: data }) }));
    types.push(new yaml.Type('!Condition', { kind, construct: (data: unknown) => ({ Condition: data }) }));
    types.push(
      new yaml.Type('!GetAtt', {
        kind,
        construct: (data: unknown) => ({
          'Fn::GetAtt':
            typeof data === 'string'
              ? [data.slice(0, data.indexOf('.')), data.slice(data.indexOf('.') + 1)]
              : data,
        }),
      }),
    );
    for (const name of [...FUNCTIONS, ...CONDITIONS]) {
      types.push(
        new yaml.Type(`!${name}`, { kind, construct: (data: unknown) => ({ [`Fn::${name}`]: data }) }),
      );
    }
  }
  return types;
}

const SCHEMA = yaml.DEFAULT_SCHEMA.extend(tags());

export function loadYaml(text: string): Record<string, unknown> {
  return yaml.load(text, { schema: SCHEMA }) as Record<string, unknown>;
}

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../../fixtures/sam/${name}`, import.meta.url));
}

export function loadFixture(name: string): Record<string, unknown> {
  const text = readFileSync(fixturePath(name), 'utf8');
  return name.endsWith('.json') ? (JSON.parse(text) as Record<string, unknown>) : loadYaml(text);
}

/** Plain data, for deep equality: drops object identity and undefined. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export type Json = Record<string, unknown>;

/** `template.Resources[id]`, typed loosely for assertions. */
export function resource(template: Json, id: string): Json {
  const resources = template.Resources as Record<string, Json>;
  const found = resources[id];
  if (found === undefined) throw new Error(`no resource ${id}; have ${Object.keys(resources).join(', ')}`);
  return found;
}

export function props(template: Json, id: string): Json {
  return resource(template, id).Properties as Json;
}
