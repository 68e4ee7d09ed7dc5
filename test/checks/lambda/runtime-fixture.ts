import { template } from '../../helpers/scan-template.js';
import { runtimeFunction } from '../../helpers/templates.js';

/** A template of one function Fn with this Runtime (a YAML value) and `extra` before its Resources. */
export const runtimeTemplate = (runtime: string, extra = '') => template(runtimeFunction(runtime), extra);

/** A function whose runtime CDK-style comes from a mapping by region (LatestNodeRuntimeMap): region → runtime. */
export const runtimeByRegion = (entries: Record<string, string>) =>
  runtimeTemplate(
    '!FindInMap [LatestNodeRuntimeMap, !Ref AWS::Region, value]',
    `Mappings:\n  LatestNodeRuntimeMap:\n${Object.entries(entries)
      .map(([region, runtime]) => `    ${region}: { value: ${runtime} }\n`)
      .join('')}`,
  );
