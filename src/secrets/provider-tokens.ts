/**
 * Provider tokens told by a prefix or marker no other value carries, beyond those patterns.ts lists itself: each
 * format as its issuer writes it, bounded so that a longer word around it does not match. patterns.ts asks them in
 * this order, the secret being the first group.
 */
import type { SecretConfidence } from './types.js';

export interface ProviderToken {
  readonly kind: string;
  readonly description: string;
  readonly regex: RegExp;
  readonly confidence?: SecretConfidence;
}

export const PROVIDER_TOKENS: readonly ProviderToken[] = [
  {
    // `sk-`, `sk-proj-`, `sk-svcacct-`, `sk-admin-` keys hold `T3BlbkFJ`, base64 of "OpenAI", between two runs.
    kind: 'openai-api-key',
    description: 'OpenAI API key',
    regex: /(?<![A-Za-z0-9_-])(sk-[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])/,
  },
  {
    // `sk-ant-api03-` (API) and `sk-ant-admin01-` (Admin API) keys: 93 characters and `AA`.
    kind: 'anthropic-api-key',
    description: 'Anthropic API key',
    regex: /(?<![A-Za-z0-9_-])(sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])/,
  },
  {
    // A PyPI API token is `pypi-` and a macaroon whose base64 opens with its location, pypi.org or test.pypi.org.
    kind: 'pypi-token',
    description: 'PyPI API token',
    regex: /(?<![A-Za-z0-9_-])(pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9y)[A-Za-z0-9_-]{50,})/,
  },
  {
    // DigitalOcean personal access, OAuth and refresh tokens: `dop_v1_`, `doo_v1_`, `dor_v1_` and 64 hex digits.
    kind: 'digitalocean-token',
    description: 'DigitalOcean API token',
    regex: /(?<![A-Za-z0-9_])(do[opr]_v1_[a-f0-9]{64})(?![A-Za-z0-9_])/,
  },
  {
    // Shopify Admin API access tokens (`shpat_`, custom `shpca_`, private `shppa_`) and shared secrets (`shpss_`).
    kind: 'shopify-token',
    description: 'Shopify access token or shared secret',
    regex: /(?<![A-Za-z0-9_])(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})(?![A-Za-z0-9_])/,
  },
  {
    // Hugging Face user access tokens: `hf_` and 34 letters, upper and lower case mixed.
    kind: 'huggingface-token',
    description: 'Hugging Face access token',
    regex: /(?<![A-Za-z0-9_])(hf_(?=[a-zA-Z]*[A-Z])(?=[a-zA-Z]*[a-z])[a-zA-Z]{34})(?![A-Za-z0-9_])/,
  },
  {
    // The signing secret of a webhook endpoint, as Stripe (`whsec_` and base62) and Svix (and base64) issue it.
    kind: 'webhook-signing-secret',
    description: 'webhook signing secret (whsec_)',
    regex: /(?<![A-Za-z0-9_])(whsec_[A-Za-z0-9+/]{24,}={0,2})(?![A-Za-z0-9+/=_])/,
  },
  {
    // An age identity (age-encryption.org/v1): `AGE-SECRET-KEY-1` and 58 bech32 characters.
    kind: 'age-secret-key',
    description: 'age encryption secret key',
    regex: /(?<![A-Za-z0-9-])(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![A-Za-z0-9])/,
  },
  {
    // A Discord webhook URL: its id and its token, which anyone holding the URL posts with.
    kind: 'discord-webhook',
    description: 'Discord webhook URL',
    regex:
      /(https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,68})(?![A-Za-z0-9_-])/,
  },
];
