import type { Finding, FindingLocation, FindingResource } from '../../findings/finding.js';
import type {
  SarifArtifactLocation,
  SarifLocation,
  SarifLogicalLocation,
  SarifPhysicalLocation,
} from './types.js';

/** Relative paths in the log are relative to the directory Parapet ran in, which the log calls this. */
export const SRCROOT = '%SRCROOT%';

/**
 * A finding path as a SARIF artifact location. Paths inside the scan root are relative URIs against
 * %SRCROOT%; a path outside it (Parapet shows those absolute) becomes a file: URI, which GitHub
 * converts back to a repository path when it lies under the checkout.
 */
export function artifactLocation(file: string): SarifArtifactLocation {
  const path = file.replaceAll('\\', '/');
  if (path.startsWith('/')) return { uri: `file://${encodePath(path)}` };
  if (/^[A-Za-z]:\//.test(path)) return { uri: `file:///${path.slice(0, 2)}${encodePath(path.slice(2))}` };
  return { uri: encodePath(path), uriBaseId: SRCROOT };
}

/** Percent-encodes each segment (spaces, `#`, `?`, `:`), keeping the slashes between them. */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** Where a file finding is. GitHub needs a region with startLine ≥ 1: line 1 stands in when the line is unknown. */
export function physicalLocation(
  location: FindingLocation & { readonly file: string },
): SarifPhysicalLocation {
  return {
    artifactLocation: artifactLocation(location.file),
    region: {
      startLine: location.line !== undefined && location.line >= 1 ? location.line : 1,
      ...(location.line !== undefined && location.column !== undefined && location.column >= 1
        ? { startColumn: location.column }
        : {}),
    },
  };
}

/**
 * The resource the finding is on, and the generated resource it is really about when a transform
 * made one; or, when the finding points into another resource's declaration (a mapping's finding at its
 * queue), that resource, which the physical location is in. The fully qualified name is the CDK construct
 * path when there is one, else the ARN for a live resource, else the logical id.
 */
export function logicalLocations(
  resource: FindingResource,
  location: FindingLocation,
): SarifLogicalLocation[] {
  const declaration = location.declaration;
  if (declaration)
    return [
      { name: declaration.id, fullyQualifiedName: declaration.cdkPath ?? declaration.id, kind: 'resource' },
    ];
  const qualified = resource.cdkPath ?? location.arn ?? resource.id;
  const out: SarifLogicalLocation[] = [
    { name: resource.id, fullyQualifiedName: qualified, kind: 'resource' },
  ];
  if (resource.generated) {
    out.push({
      name: resource.generated.id,
      fullyQualifiedName: `${qualified}/${resource.generated.id}`,
      kind: 'resource',
    });
  }
  return out;
}

export function hasFile(
  finding: Finding,
): finding is Finding & { readonly location: { readonly file: string } } {
  return finding.location.file !== undefined && finding.location.file !== '';
}

export function findingLocation(finding: Finding): SarifLocation {
  return {
    ...(hasFile(finding) ? { physicalLocation: physicalLocation(finding.location) } : {}),
    logicalLocations: logicalLocations(finding.resource, finding.location),
  };
}
