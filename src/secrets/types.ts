export type SecretConfidence = 'high' | 'medium';

/** A detected secret. Nothing in it is the secret: `redacted` is the output of `redact`. */
export interface SecretHit {
  /** Stable id of the pattern that matched: `aws-access-key-id`, `named-secret`, ... */
  readonly kind: string;
  /** What was found, in words for a report. Never contains the value. */
  readonly description: string;
  readonly confidence: SecretConfidence;
  /** The matched secret, redacted (`redact`): a prefix (long secrets only) and the length; no hash. */
  readonly redacted: string;
  /**
   * Where in a structured value the secret sits, when it was found by the name of a field there: a JSON
   * object's key path (`password`, `db.password`, `users[0].token`) or a connection string's key.
   */
  readonly field?: string;
}
