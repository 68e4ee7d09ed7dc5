/**
 * The part of the SARIF 2.1.0 object model Parapet writes. Names follow the specification
 * (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html); optional members stay absent
 * rather than empty, so the log carries only what Parapet knows.
 */

export type SarifLevel = 'none' | 'note' | 'warning' | 'error';
export type SarifKind = 'pass' | 'fail' | 'review';

export interface SarifMessage {
  readonly text: string;
  readonly markdown?: string;
}

export type PropertyBag = Readonly<Record<string, unknown>> & { readonly tags?: readonly string[] };

export interface SarifRegion {
  readonly startLine: number;
  readonly startColumn?: number;
}

export interface SarifArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

export interface SarifPhysicalLocation {
  readonly artifactLocation: SarifArtifactLocation;
  readonly region?: SarifRegion;
}

export interface SarifLogicalLocation {
  readonly name: string;
  readonly fullyQualifiedName?: string;
  readonly kind?: string;
}

export interface SarifLocation {
  readonly physicalLocation?: SarifPhysicalLocation;
  readonly logicalLocations?: readonly SarifLogicalLocation[];
}

export interface SarifReportingDescriptor {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: SarifMessage;
  readonly fullDescription: SarifMessage;
  readonly help: SarifMessage;
  readonly helpUri?: string;
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: PropertyBag;
}

export interface SarifDescriptorReference {
  readonly id: string;
  readonly index: number;
}

export interface SarifSuppression {
  readonly kind: 'inSource' | 'external';
  readonly justification: string;
  readonly properties?: PropertyBag;
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly kind: SarifKind;
  readonly level: SarifLevel;
  readonly message: SarifMessage;
  readonly locations: readonly SarifLocation[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly suppressions?: readonly SarifSuppression[];
  readonly properties: PropertyBag;
}

export interface SarifNotification {
  readonly level: SarifLevel;
  readonly message: SarifMessage;
  readonly locations?: readonly SarifLocation[];
  readonly associatedRule?: SarifDescriptorReference;
  readonly properties?: PropertyBag;
}

export interface SarifInvocation {
  readonly executionSuccessful: boolean;
  readonly toolExecutionNotifications: readonly SarifNotification[];
}

export interface SarifRun {
  readonly tool: {
    readonly driver: {
      readonly name: string;
      readonly version: string;
      readonly semanticVersion: string;
      readonly informationUri: string;
      readonly rules: readonly SarifReportingDescriptor[];
    };
  };
  readonly invocations: readonly SarifInvocation[];
  readonly originalUriBaseIds: Readonly<Record<string, { readonly description: SarifMessage }>>;
  readonly columnKind: 'utf16CodeUnits';
  readonly results: readonly SarifResult[];
  readonly properties: PropertyBag;
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly SarifRun[];
}
