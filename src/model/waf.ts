import type { Value } from './values.js';

// AWS WAF in front of an API Gateway REST API stage (AWS::WAFv2::WebACLAssociation of an AWS::WAFv2::WebACL): what
// apigateway.route-no-auth reads to tell a stage only fixed addresses reach. HTTP and WebSocket APIs take no web ACL.

/** A stage of a REST API, as the template deploys it, and the web ACL associated with it. */
export interface StageWebAcl {
  /** The stage's name (`Prod`). */
  readonly stage: Value<string>;
  /** How the stage comes to be, where that is worth saying (`which SAM makes besides Prod without OpenApiVersion`). */
  readonly made?: string;
  /**
   * The web ACLs associations put on the stage; undefined where none does. A stage takes one web ACL (AWS WAF Classic
   * Developer Guide, "Associating or disassociating a web ACL": each API Gateway API can be associated with only one
   * web ACL): where several associations name it, which one stays rests on which deploys last.
   */
  readonly webAcls?: readonly Value<WebAcl>[];
}

/** An `AWS::WAFv2::WebACL` of the template, as far as who it lets through. */
export interface WebAcl {
  /** Its logical id. */
  readonly id: string;
  /** What it does with a request no rule ends: `Allow` or `Block`. */
  readonly defaultAction: Value<'Allow' | 'Block'>;
  /** Its rules, in the order they are written (evaluated by `priority`, lowest first). */
  readonly rules: Value<readonly WebAclRule[]>;
}

export interface WebAclRule {
  readonly name: string;
  readonly priority: Value<number>;
  /**
   * `Allow`, `Block`, `Count`, `Captcha`, `Challenge` (a rule's `Action`); for a rule group, `None` (the group's own
   * actions) or `Count` (its `OverrideAction`).
   */
  readonly action: Value<string>;
  readonly match: RuleMatch;
}

/** Which requests a rule's `Statement` matches, as far as the address they come from. */
export type RuleMatch =
  | IpSetMatch
  | { readonly kind: 'and' | 'or'; readonly statements: readonly RuleMatch[] }
  | { readonly kind: 'not'; readonly statement: RuleMatch }
  /** A rule group (`RuleGroupReferenceStatement`, `ManagedRuleGroupStatement`): its rules' own actions apply. */
  | {
      readonly kind: 'rule-group';
      readonly name: string;
      readonly vendor?: Value<string>;
      /** Whether its `RuleActionOverrides` make a rule of it Allow (`unknown` where they cannot be read). */
      readonly overridesToAllow?: boolean | 'unknown';
      /**
       * The rules of an `AWS::WAFv2::RuleGroup` this template declares, with the statement's `RuleActionOverrides`
       * applied: WAF runs them in the web ACL in the group's place. Undefined for a managed rule group, or one the
       * template does not declare.
       */
      readonly rules?: Value<readonly WebAclRule[]>;
    }
  /**
   * `ByteMatchStatement` of a header (`SingleHeader`) against a fixed value (`EXACTLY`): the caller writes the header,
   * but a value kept secret and added by a CloudFront distribution in front (its origin's `OriginCustomHeaders`) is
   * how AWS suggests keeping callers from going around the distribution.
   */
  | {
      readonly kind: 'header-value';
      readonly header: string;
      /** The template's `AWS::CloudFront::Distribution`s whose origins add that header (logical ids). */
      readonly sentBy: readonly string[];
    }
  /** Any other statement (a header, a rate, a country): what it matches is not an address of a fixed list. */
  | { readonly kind: 'other'; readonly statement: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/** `IPSetReferenceStatement`: the request's address is in an `AWS::WAFv2::IPSet`. */
export interface IpSetMatch {
  readonly kind: 'ip-set';
  /** The IP set's logical id, or what the statement's `Arn` is where the template does not declare it. */
  readonly ipSet: string;
  /** Its `Addresses` (CIDR ranges). */
  readonly addresses: Value<readonly Value<string>[]>;
  /** `IPSetForwardedIPConfig`: the address is read from a request header instead of the connection. */
  readonly forwarded?: {
    readonly header: Value<string>;
    readonly fallback: Value<string>;
    readonly position: Value<string>;
  };
}
