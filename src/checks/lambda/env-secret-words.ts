import { listedWithAnd, parametersNamed } from '../../findings/words.js';
import type { ValueParameter } from '../../model/lambda.js';
import type { SecretHit } from '../../secrets/index.js';

const ORIGINS: Readonly<Record<ValueParameter['origin'], string>> = {
  default: 'its default value',
  given: 'given with -p',
  deploy: 'given at deploy',
};

/** Where a parameter's value comes from, in words: `its default value`, `given by the parent stack app.yaml …`. */
export function originOf(parameter: ValueParameter): string {
  const { givenBy, origin, parentNoEcho } = parameter;
  if (givenBy === undefined) return ORIGINS[origin];
  const from = parentNoEcho ? 'its NoEcho parameters' : 'its parameters';
  if (origin === 'default') return `given by ${givenBy} from ${from}' defaults`;
  return parentNoEcho ? `given by ${givenBy} from ${from}` : `given by ${givenBy}`;
}

/** `NoEcho parameter P`, or `parameter P` when only the parent's value it is given is NoEcho (originOf says so). */
export function parameterLabel(parameter: ValueParameter): string {
  return `${parameter.noEcho && !parameter.parentNoEcho ? 'NoEcho ' : ''}parameter ${parameter.name}`;
}

/** ` in its "password" field` for a secret found in a field of a JSON or connection-string value. */
export function inField(hit: SecretHit): string {
  return hit.field === undefined ? '' : ` in its "${hit.field}" field`;
}

/** What a finding on a secret found in a variable's value shows: never the secret, only `shown` (redacted). */
export function hitEvidence(variable: string, hit: SecretHit, shown: string): Record<string, string> {
  return {
    variable,
    kind: hit.kind,
    ...(hit.field === undefined ? {} : { field: hit.field }),
    value: shown,
    confidence: hit.confidence,
  };
}

/** The evidence's value of a secret from NoEcho parameters: only their names, never the value, its prefix or length. */
export function noEchoNotShown(names: readonly string[]): string {
  return `(from NoEcho ${parametersNamed(names, listedWithAnd)}: not shown)`;
}
