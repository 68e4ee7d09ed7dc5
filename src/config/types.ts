import type { Severity } from '../checks/define.js';
import type { ConfigSuppression } from '../findings/suppress.js';

/** The validated configuration (parapet.yaml); loading it lives in config.ts, which pulls in zod. */
export interface Config {
  readonly trustedAccounts: readonly string[];
  readonly failOn?: Severity | 'none';
  readonly severityOverrides: Readonly<Record<string, Severity>>;
  readonly enable: readonly string[];
  readonly disable: readonly string[];
  readonly options: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly suppressions: readonly ConfigSuppression[];
  /** The file it came from, if any. */
  readonly file?: string;
}

export const EMPTY_CONFIG: Config = {
  trustedAccounts: [],
  severityOverrides: {},
  enable: [],
  disable: [],
  options: {},
  suppressions: [],
};

export class ConfigError extends Error {}
