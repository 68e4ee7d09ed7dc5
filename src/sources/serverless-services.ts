import { basename, dirname, join } from 'node:path';

/**
 * The names of a Serverless Framework service file: serverless.yml, and since v1.72 the others its TypeScript
 * definitions (@serverless/typescript) name. Parapet does not read it: its CloudFormation is what
 * `serverless package` writes to the service's `.serverless/` folder.
 */
export const SERVICE_FILE_NAMES = new Set([
  'serverless.yml',
  'serverless.yaml',
  'serverless.json',
  'serverless.js',
  'serverless.ts',
]);

export function isServiceFile(file: string): boolean {
  return SERVICE_FILE_NAMES.has(basename(file));
}

/** What to do for a service file: the README's advice, `.serverless/` shown as the scan shows paths. */
export function packageAdvice(service: string, shown: (file: string) => string): string {
  return `run \`serverless package\`, then scan the CloudFormation it writes to ${shown(outputFolder(service))}/`;
}

/** The folder `serverless package` writes to by default: `.serverless` beside the service file. */
function outputFolder(service: string): string {
  return join(dirname(service), '.serverless');
}

/**
 * A warning for each service file a folder walk met whose `.serverless/` gave the scan nothing (no template scanned
 * there, no error of it or of the folder): not packaged (the folder is usually not committed), so none of its resources was checked.
 * `reached`: the files the scan scanned or reported an error of, as it shows them.
 */
export function unpackagedServiceWarnings(
  services: readonly string[],
  reached: readonly string[],
  shown: (file: string) => string,
): string[] {
  return services
    .filter((service) => {
      const folder = shown(outputFolder(service));
      return !reached.some((file) => file === folder || file.startsWith(`${folder}/`));
    })
    .map(
      (service) =>
        `${shown(service)}: Serverless Framework service not checked: ${packageAdvice(service, shown)}`,
    );
}
