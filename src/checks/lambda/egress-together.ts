import { listedWithAnd } from '../../findings/words.js';
import { everyAddressIn, type IpFamily } from '../../model/cidr.js';
import type { EgressRule } from '../../model/network.js';
import { isUnknown } from '../../model/values.js';

/**
 * Egress rules that each allow part of the internet (`0.0.0.0/1`) but together every address (`128.0.0.0/1` beside
 * it), on every protocol or every port of TCP or UDP. Security group rules add up, those of every group of a function
 * too ("Security group rules", Amazon VPC User Guide: rules are permissive, traffic any rule allows is allowed), so
 * the function can send to any host as with one rule to `0.0.0.0/0`.
 */
interface RulesTogether<T extends Ruled> {
  /** The rules whose ranges add up, each as given (with its group), in the order given. */
  readonly rules: readonly T[];
  readonly family: IpFamily;
  /** `all traffic`, `every TCP port`: what the rules allow together. */
  readonly scope: string;
}

/** A rule as a caller holds it: with its group, and what else it keeps of it (the stack declaring it). */
type Ruled = { readonly rule: EgressRule };

type Scope = 'all' | 'tcp' | 'udp';

const SCOPE_WORDS: Readonly<Record<Scope, string>> = {
  all: 'all traffic',
  tcp: 'every TCP port',
  udp: 'every UDP port',
};

/**
 * The rules that together allow every address, or, where that rests on a rule whose protocol or ports are not known
 * before deploy, `maybe` with those rules; undefined when no set of them does.
 */
export function rulesTogether<T extends Ruled>(
  rules: readonly T[],
): { readonly open: RulesTogether<T> } | { readonly maybe: readonly EgressRule[] } | undefined {
  // A rule that alone holds every address is judged alone (opensEverything): only ranges that add up count here.
  const partial = rules.filter(({ rule }) => familyOf([rule]) === undefined);
  for (const scope of ['all', 'tcp', 'udp'] as const) {
    const sure = partial.filter(({ rule }) => reaches(rule, scope) === true);
    const family = familyOf(sure.map(({ rule }) => rule));
    if (family !== undefined)
      return {
        open: {
          rules: sure.filter(({ rule }) => rangeOf(rule, family) !== undefined),
          family,
          scope: SCOPE_WORDS[scope],
        },
      };
  }
  for (const scope of ['tcp', 'udp'] as const) {
    const possible = partial.filter(({ rule }) => reaches(rule, scope) !== false);
    if (familyOf(possible.map(({ rule }) => rule)) !== undefined)
      return {
        maybe: possible
          .filter(({ rule }) => reaches(rule, scope) === 'unknown' && rangesOf(rule).length > 0)
          .map(({ rule }) => rule),
      };
  }
  return undefined;
}

function familyOf(rules: readonly EgressRule[]): IpFamily | undefined {
  return everyAddressIn(rules.flatMap(rangesOf));
}

/** The ranges a rule names that are known before deploy. */
export function rangesOf(rule: EgressRule): string[] {
  return [rule.cidrIp, rule.cidrIpv6].filter((range) => typeof range === 'string');
}

function rangeOf(rule: EgressRule, family: IpFamily): string | undefined {
  const range = family === 'IPv4' ? rule.cidrIp : rule.cidrIpv6;
  return typeof range === 'string' ? range : undefined;
}

/** Whether a rule allows every port of a scope (`all`: every protocol), or `unknown` where its values do not say. */
function reaches(rule: EgressRule, scope: Scope): boolean | 'unknown' {
  if (isUnknown(rule.protocol)) return 'unknown';
  const protocol = rule.protocol.toLowerCase();
  if (protocol === '-1') return true;
  if (scope === 'all') return false;
  const named = scope === 'tcp' ? ['tcp', '6'] : ['udp', '17'];
  if (!named.includes(protocol)) return false;
  if (isUnknown(rule.fromPort) || isUnknown(rule.toPort)) return 'unknown';
  return everyPort(rule.fromPort, rule.toPort);
}

/** `FromPort` 0 (or less) to `ToPort` 65535, or -1 to -1: every port (AWS::EC2::SecurityGroup Egress). */
export function everyPort(from: number | undefined, to: number | undefined): boolean {
  return from !== undefined && to !== undefined && ((from <= 0 && to >= 65535) || (from === -1 && to === -1));
}

/** `all traffic to 0.0.0.0/1 and 128.0.0.0/1, which together hold every IPv4 address`, for a finding. */
export function togetherWords<T extends Ruled>(together: RulesTogether<T>): string {
  const ranges = together.rules.map(({ rule }) => rangeOf(rule, together.family) as string);
  return `${together.scope} to ${listedWithAnd([...new Set(ranges)])}, which together hold every ${together.family} address`;
}
