import { setOwn } from '../../model/own.js';
import { type Unknown, unknown } from '../../model/values.js';
import type { ParentLink } from './nested-stack-links.js';
import type { ParentGift } from './nested-stacks.js';

/**
 * What a template nested more than once gives its parameters: a value all of them give alike (the same text, or
 * the same expression of the same parent file: `!GetAtt Role.Arn` of one parent is one role); any other is
 * unknown, as each deployed copy may have another (and one that leaves a parameter out has its default there):
 * where each is text, one of those texts, and each of them deployed where that is sure (Unknown.everyOne).
 * Not one finding per copy: the findings are on the one template.
 */
export function sharedGift(
  gifts: readonly ParentGift[],
  links: readonly ParentLink[],
  shown: (file: string) => string,
  /** The nested template has no Conditions: each copy deploys all its resources. */
  unconditional: boolean,
): ParentGift {
  const names = new Set(gifts.flatMap((gift) => Object.keys(gift.values)));
  const where = links.map((link) => `${link.resource} in ${shown(link.parent)}`).join(', ');
  const values: Record<string, string | Unknown> = {};
  const sameAs: Record<string, string> = {};
  const byDefault = new Set<string>();
  for (const name of names) {
    const given = gifts.map((gift) => (Object.hasOwn(gift.values, name) ? gift.values[name] : undefined));
    const keys = gifts.map((gift) => (Object.hasOwn(gift.sameAs, name) ? gift.sameAs[name] : undefined));
    const [first, key] = [given[0], keys[0]];
    const alike =
      typeof first === 'string'
        ? given.every((value) => value === first)
        : key !== undefined && keys.every((other) => other === key);
    if (first !== undefined && alike) {
      setOwn(values, name, first);
      if (key !== undefined) setOwn(sameAs, name, key);
      if (gifts.some((gift) => gift.byDefault.has(name))) byDefault.add(name);
    } else {
      const how = given.includes(undefined)
        ? 'which not every stack nesting this template gives'
        : 'which the stacks nesting this template give different values';
      // Each copy is deployed with its own: where each is text, one of them, which checks judge each. Each of them is
      // deployed (everyOne) only where every nesting is surely made and gives it as it is, not from a default, and the
      // template has no conditions (which other values could decide for a copy: a URL a copy does not make).
      const texts = given.every((value) => typeof value === 'string')
        ? [...new Set(given as string[])]
        : undefined;
      // One of its texts a parent took from a default of its own, which a deploy may override: assumed, as any default
      // (and so never each deployed), and worded as such in the findings that rest on it.
      if (gifts.some((gift) => gift.byDefault.has(name))) byDefault.add(name);
      setOwn(
        values,
        name,
        unknown(`from parameter ${name}, ${how} (${where})`, `\${${name}}`, {
          oneOf: texts,
          everyOne:
            texts !== undefined &&
            unconditional &&
            gifts.every((gift) => gift.surelyMade === true && !gift.byDefault.has(name))
              ? true
              : undefined,
        }),
      );
    }
  }
  const optional = new Set(gifts.flatMap((gift) => [...(gift.optional ?? [])]));
  // A NoEcho value of one parent stays one whatever the others give (their values differ, or are that one).
  const noEcho = new Map(gifts.flatMap((gift) => [...(gift.noEcho ?? [])]));
  // Its text, where every nesting gives the same.
  const noEchoTexts: Record<string, string> = {};
  for (const name of noEcho.keys()) {
    const texts = gifts.map((gift) => {
      const value = Object.hasOwn(gift.values, name) ? gift.values[name] : undefined;
      return gift.noEchoTexts?.[name] ?? (typeof value === 'string' ? value : undefined);
    });
    if (texts[0] !== undefined && texts.every((text) => text === texts[0]))
      setOwn(noEchoTexts, name, texts[0]);
  }
  return {
    values,
    byDefault,
    by: `each stack nesting it (${where})`,
    ...(optional.size > 0 ? { optional } : {}),
    sameAs,
    nestings: gifts.flatMap((gift) => gift.nestings),
    ...(noEcho.size > 0 ? { noEcho, noEchoTexts } : {}),
  };
}
