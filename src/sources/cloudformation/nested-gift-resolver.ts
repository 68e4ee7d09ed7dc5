import { asRecord } from './intrinsic-values.js';
import { Resolver } from './intrinsics.js';
import { unknownParentValues, withParentText } from './nested-parent-text.js';
import type { ParentLink } from './nested-stack-links.js';
import type { ParentGift } from './nested-stacks.js';

/**
 * A nested template's resolver, its parameters given `gift`: what its parent gives (or what each of its parents gives
 * alike, see sharedGift), else the -p values (`given`), else its defaults.
 */
export function giftResolver(
  doc: Record<string, unknown>,
  given: Readonly<Record<string, string>> | undefined,
  gift: ParentGift | undefined,
): Resolver {
  const ids = new Set(Object.keys(asRecord(doc.Resources) ?? {}));
  const text = withParentText(given, gift?.values) ?? {};
  // What the parent took from its own defaults is assumed here as this template's own defaults are: a condition on
  // it (`IsOpen: !Equals [!Ref Open, 'yes']`) is decided by defaults. A deploy of the parent that gives its
  // parameter a value overrides that default ("If you don't specify a key and value for a particular parameter,
  // CloudFormation uses the default value", CloudFormation API Reference, Parameter), and passes it on here.
  return new Resolver(doc, ids, () => {}, text, new Map(), unknownParentValues(gift?.values), {
    ...(gift && gift.byDefault.size > 0 ? { defaults: gift.byDefault } : {}),
    ...(gift?.noEcho ? { noEcho: gift.noEcho } : {}),
    ...(gift?.noEchoTexts ? { noEchoTexts: gift.noEchoTexts } : {}),
  });
}

/**
 * Per stack resource nesting a template nested more than once, a resolver of that template given what that one
 * resource gives (its own gift, not the one all of them share): the copy it deploys is deployed with those values
 * (each `AWS::CloudFormation::Stack` makes a stack of its own from the template,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html). An output a parent
 * reads from its copy (`!GetAtt NetB.Outputs.SubnetId`) is that copy's: `Open: 'no'` given by NetB decides a
 * condition of it, whatever default another copy takes `Open` from.
 */
export class CopyResolvers {
  private readonly gifts = new Map<ParentLink, ParentGift>();
  private readonly resolvers = new Map<ParentLink, Resolver>();

  constructor(private readonly given: Readonly<Record<string, string>> | undefined) {}

  /** Keeps what `link` gives its template. */
  keep(link: ParentLink, gift: ParentGift): void {
    this.gifts.set(link, gift);
  }

  /** The resolver of the copy `link` deploys; undefined where its gift is not known (yet). */
  of(link: ParentLink, doc: Record<string, unknown>): Resolver | undefined {
    let resolver = this.resolvers.get(link);
    const gift = this.gifts.get(link);
    if (!resolver && gift) {
      resolver = giftResolver(doc, this.given, gift);
      this.resolvers.set(link, resolver);
    }
    return resolver;
  }
}
