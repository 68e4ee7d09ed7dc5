import { readFileSync } from 'node:fs';
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

/** A service definition in code names its `service` and `provider` (both required); a handler named serverless.ts does not. */
const CODE_SERVICE = /\bservice\b[\s\S]*\bprovider\b|\bprovider\b[\s\S]*\bservice\b/;
const CODE_READ_BYTES = 256 * 1024;

/**
 * Whether a file a folder walk met is a service file: serverless.yml/.yaml/.json by name; serverless.js/.ts only when
 * its text names a service and a provider, since those names are common for Express or Nest handlers too
 * (serverless-express), in SAM and CDK projects.
 */
export function isFoundServiceFile(file: string): boolean {
  const name = basename(file);
  if (!SERVICE_FILE_NAMES.has(name)) return false;
  if (!name.endsWith('.js') && !name.endsWith('.ts')) return true;
  try {
    const read = readFileSync(file);
    return CODE_SERVICE.test(read.subarray(0, CODE_READ_BYTES).toString('utf8'));
  } catch {
    return false;
  }
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
