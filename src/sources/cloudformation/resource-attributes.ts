/** The keys a resource may have beside Type and Properties (CloudFormation's resource attributes). */
export const RESOURCE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'Type',
  'Properties',
  'Condition',
  'CreationPolicy',
  'DeletionPolicy',
  'DependsOn',
  'Metadata',
  'UpdatePolicy',
  'UpdateReplacePolicy',
  // Accepted by CloudFormation though not documented as attributes: custom resources' Version, and a note.
  'Version',
  'Description',
]);

/** What the SAM transform also takes (embedded Connectors go on the source resource, whatever its type). */
export const SAM_RESOURCE_ATTRIBUTES: ReadonlySet<string> = new Set(['IgnoreGlobals', 'Connectors']);

/**
 * The resource attributes the SAM transform keeps on what it makes of an AWS::Serverless resource: DependsOn and
 * samtranslator's `Resource._supported_resource_attributes` (model/__init__.py, `from_dict`). It drops the others
 * (Description, CreationPolicy, Version) without a word, though CloudFormation takes them beside Type.
 */
export const SAM_KEPT_ATTRIBUTES: readonly string[] = [
  'Condition',
  'DeletionPolicy',
  'DependsOn',
  'Metadata',
  'UpdatePolicy',
  'UpdateReplacePolicy',
];
