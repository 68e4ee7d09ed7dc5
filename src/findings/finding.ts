import type { Severity, Status } from '../checks/define.js';
import { ROUTE_TYPE } from '../model/apigateway.js';
import type { SourceLocation } from '../model/source.js';

/** Where a finding points: a line in a file, or a cloud resource (see model/source.ts). */
export interface FindingLocation extends SourceLocation {
  /**
   * The declaration the line is in, when it is another resource's than the finding's (an SQS mapping's finding
   * at its queue, a function's at its security group's rule): reports show its construct path, not the finding's
   * resource's.
   */
  readonly declaration?: Declaration;
}

/** A resource's declaration in a template: its logical id, and its construct path in CDK output. */
export interface Declaration {
  readonly id: string;
  /** Its `aws:cdk:path` (from the metadata, or for a modeled resource the cloud assembly's manifest). */
  readonly cdkPath?: string;
}

export interface FindingResource {
  /** The id the user wrote: the logical id (the SAM resource for what SAM generates) or the ARN. */
  readonly id: string;
  readonly kind: string;
  readonly type: string;
  /** The generated resource the finding is really about, when a transform made it. */
  readonly generated?: { readonly id: string; readonly type: string };
  readonly cdkPath?: string;
  /** The `Fn::ForEach` loop that made the resource (`Fn::ForEach::Topics`), when a loop did. */
  readonly loop?: string;
}

/**
 * How reports name the generated resource a finding is about: a route (of a SAM event, of an API's definition) by
 * what it is, for no resource stands for it; others as generated, with their type.
 */
export function generatedLabel(generated: NonNullable<FindingResource['generated']>): string {
  return generated.type === ROUTE_TYPE
    ? `route ${generated.id}`
    : `generated resource ${generated.id} (${generated.type})`;
}

export interface Suppression {
  readonly reason: string;
  readonly by: 'inline' | 'config';
  readonly expires?: string;
}

/** One result of one check on one resource. Self-contained: every field a consumer needs is here. */
export interface Finding {
  readonly checkId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly status: Exclude<Status, 'not-applicable'>;
  readonly message: string;
  readonly resource: FindingResource;
  readonly location: FindingLocation;
  /** The property path the finding points at, when more specific than the resource. */
  readonly property?: string;
  readonly evidence?: Readonly<Record<string, string>>;
  /** Parameter defaults assumed, and conditions that decide whether the resource exists. */
  readonly assumptions?: readonly string[];
  /** Stable across edits that move lines: check, scope, resource and detail key. */
  readonly fingerprint: string;
  readonly suppressed?: Suppression;
}

/** `internal`: Parapet itself failed on a file (a bug to report); the file was not checked. */
export type ScanErrorKind = 'read' | 'parse' | 'template' | 'check' | 'config' | 'internal';

/** Something the scan could not cover. The scan goes on; the report lists these; exit code 2. */
export interface ScanError {
  readonly kind: ScanErrorKind;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly resource?: string;
  readonly checkId?: string;
}
