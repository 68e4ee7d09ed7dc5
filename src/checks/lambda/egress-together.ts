import { listedWithAnd } from '../../findings/words.js';
import { everyAddressIn, familyOfCidr, holdsEveryAddressOf, type IpFamily } from '../../model/cidr.js';
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
  /** `ports 0-1000 and 1001-65535`, where each rule is open on some ports of the scope only. */
  readonly ports?: string;
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
 * before deploy, `maybe` with those rules; undefined when no set of them does. Ports add up as ranges do, but only
 * with their own ranges: every port of the scope must reach every address through the rules open on that port, so
 * `0.0.0.0/1` on ports 0-1000 and `128.0.0.0/1` on 1001-65535 open no port to every address.
 */
export function rulesTogether<T extends Ruled>(
  rules: readonly T[],
): { readonly open: RulesTogether<T> } | { readonly maybe: readonly EgressRule[] } | undefined {
  // A rule that alone holds every address is judged alone (opensEverything) where it is open on every port, or its
  // protocol or ports are not known; on some ports only (`0.0.0.0/0` on 0-1000) its ports add up with the others.
  const partial = rules.filter(({ rule }) => familyOf([rule]) === undefined || !mayOpenEveryPort(rule));
  for (const scope of SCOPES) {
    const sure = partial.flatMap((item) => {
      const ports = portsOf(item.rule, scope);
      return typeof ports === 'object' ? [{ item, ...ports }] : [];
    });
    const covered = coverTogether(sure);
    if (covered !== undefined)
      return {
        open: {
          rules: covered.ranged.map(({ item }) => item),
          family: covered.family,
          scope: SCOPE_WORDS[scope],
          ports: portWords(covered.ranged),
        },
      };
  }
  for (const scope of ['tcp', 'udp'] as const) {
    // A rule whose protocol or ports are not known may be open on every port of the scope.
    const possible = partial.flatMap((item) => {
      const ports = portsOf(item.rule, scope);
      return ports === false ? [] : [{ item, ...(ports === 'unknown' ? EVERY_PORT : ports) }];
    });
    if (coverTogether(possible) !== undefined)
      return {
        maybe: partial
          .filter(({ rule }) => portsOf(rule, scope) === 'unknown' && rangesOf(rule).length > 0)
          .map(({ rule }) => rule),
      };
  }
  return undefined;
}

const SCOPES = ['all', 'tcp', 'udp'] as const;

interface PortRange {
  readonly from: number;
  readonly to: number;
}

const EVERY_PORT: PortRange = { from: 0, to: 65535 };

/** Whether a range of ports (as portsOf gives it: within 0-65535) is every port. */
function isEveryPort(ports: PortRange): boolean {
  return ports.from === EVERY_PORT.from && ports.to === EVERY_PORT.to;
}

/**
 * Whether a rule is (or may be) open on every protocol, or on every port of TCP or UDP (see portsOf): to every
 * address, it opens all.
 */
export function mayOpenEveryPort(rule: EgressRule): boolean {
  return SCOPES.some((scope) => {
    const ports = portsOf(rule, scope);
    return ports === 'unknown' || (ports !== false && isEveryPort(ports));
  });
}

/** A rule with the ports of a scope it is open on. */
type Ranged<T> = PortRange & { readonly item: T };

/**
 * The family whose every address the rules reach on every port together, with the rules it takes (the first that
 * do, less any the others make needless), or undefined.
 */
function coverTogether<T extends Ruled>(
  ranged: readonly Ranged<T>[],
): { family: IpFamily; ranged: readonly Ranged<T>[] } | undefined {
  const family = (['IPv4', 'IPv6'] as const).find((f) => coversFamily(ranged, f));
  if (family === undefined) return undefined;
  let needed = ranged.filter(({ item }) => rangesIn(item.rule, family).length > 0);
  for (const one of [...needed]) {
    const without = needed.filter((other) => other !== one);
    if (coversFamily(without, family)) needed = without;
  }
  return { family, ranged: needed };
}

/**
 * Whether on each port the rules open on it hold every address of the family: the ports split where a rule's range
 * starts or ends, and a rule covers a piece whole where it covers its first port.
 */
function coversFamily<T extends Ruled>(ranged: readonly Ranged<T>[], family: IpFamily): boolean {
  const starts = [...new Set([0, ...ranged.map(({ to }) => to + 1)])].filter((port) => port <= 65535);
  return starts.every((port) =>
    holdsEveryAddressOf(
      ranged
        .filter(({ from, to }) => from <= port && port <= to)
        .flatMap(({ item }) => rangesIn(item.rule, family)),
      family,
    ),
  );
}

/** `ports 0-1000 and 1001-65535`, where the rules are open on some ports of the scope each; undefined where on all. */
function portWords<T>(ranged: readonly Ranged<T>[]): string | undefined {
  if (ranged.every(({ from, to }) => from === 0 && to === 65535)) return undefined;
  return `ports ${listedWithAnd([...new Set(ranged.map(({ from, to }) => `${from}-${to}`))])}`;
}

function familyOf(rules: readonly EgressRule[]): IpFamily | undefined {
  return everyAddressIn(rules.flatMap(rangesOf));
}

/** The ranges a rule names that are known before deploy: its CIDR, or the entries of its prefix list. */
export function rangesOf(rule: EgressRule): string[] {
  const entries =
    rule.prefixList === undefined || isUnknown(rule.prefixList.entries) ? [] : rule.prefixList.entries;
  return [rule.cidrIp, rule.cidrIpv6, ...entries].filter((range) => typeof range === 'string');
}

/** The rule's ranges (its CIDR and the prefix list entries read) of one address family. */
export function rangesIn(rule: EgressRule, family: IpFamily): string[] {
  return rangesOf(rule).filter((range) => familyOfCidr(range) === family);
}

/**
 * The ports of a scope a rule is open on (`all`: every protocol, all of them or none), false where it is open on none,
 * or `unknown` where its values do not say. `-1` to `-1` is read as every port, as for ICMP types (AWS documents -1
 * for ICMP only: for TCP or UDP it takes it so, or refuses the rule and nothing is open).
 */
function portsOf(rule: EgressRule, scope: Scope): PortRange | false | 'unknown' {
  if (isUnknown(rule.protocol)) return 'unknown';
  const protocol = rule.protocol.toLowerCase();
  if (protocol === '-1') return EVERY_PORT;
  if (scope === 'all') return false;
  const named = scope === 'tcp' ? ['tcp', '6'] : ['udp', '17'];
  if (!named.includes(protocol)) return false;
  const { fromPort: from, toPort: to } = rule;
  if (isUnknown(from) || isUnknown(to)) return 'unknown';
  if (from === undefined || to === undefined) return false;
  if (everyPort(from, to)) return EVERY_PORT;
  const ports = { from: Math.max(from, 0), to: Math.min(to, 65535) };
  return ports.from <= ports.to ? ports : false;
}

/** `FromPort` 0 (or less) to `ToPort` 65535, or -1 to -1: every port (AWS::EC2::SecurityGroup Egress). */
export function everyPort(from: number | undefined, to: number | undefined): boolean {
  return from !== undefined && to !== undefined && ((from <= 0 && to >= 65535) || (from === -1 && to === -1));
}

/**
 * `all traffic to 0.0.0.0/1 and 128.0.0.0/1, which together hold every IPv4 address`, or `every TCP port to
 * 0.0.0.0/0 (ports 0-1000 and 1001-65535 together)`, for a finding.
 */
export function togetherWords<T extends Ruled>(together: RulesTogether<T>): string {
  const ranges = [...new Set(together.rules.flatMap(({ rule }) => rangesIn(rule, together.family)))];
  const ports = together.ports === undefined ? '' : ` (${together.ports} together)`;
  const addresses = ranges.length === 1 ? '' : `, which together hold every ${together.family} address`;
  return `${together.scope} to ${listedWithAnd(ranges)}${ports}${addresses}`;
}
