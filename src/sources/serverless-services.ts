import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { asRecord } from './cloudformation/intrinsic-values.js';
import { parseJson } from './cloudformation/json.js';
import { parseYaml } from './cloudformation/yaml.js';

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
 * The first CODE_READ_BYTES of a regular file, as text: a service file of 50 MB is not read whole to find its
 * provider, and a device or a named pipe (which may never end) is not read. Throws as openSync does.
 */
function readHead(file: string): string {
  // Before opening: opening a named pipe blocks until something writes to it (readCapped does the same).
  if (!statSync(file).isFile()) throw new Error('not a regular file');
  const fd = openSync(file, 'r');
  try {
    if (!fstatSync(fd).isFile()) throw new Error('not a regular file');
    const buffer = Buffer.alloc(CODE_READ_BYTES);
    let length = 0;
    while (length < buffer.length) {
      const got = readSync(fd, buffer, length, buffer.length - length, null);
      if (got === 0) break;
      length += got;
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

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
    return CODE_SERVICE.test(readHead(file));
  } catch {
    return false;
  }
}

/**
 * The cloud provider a service names, as the Framework reads it: `provider.name`, or `provider` itself when it is text
 * (the Framework's lib/configuration/resolve-provider-name.js). Undefined when the file does not write it as text: missing, a variable
 * (`${opt:provider}`), a file that cannot be read, or one in code that does not write `provider: { name: '...' }`.
 */
function providerOf(service: string): string | undefined {
  try {
    const text = readHead(service);
    const name = basename(service);
    if (name.endsWith('.js') || name.endsWith('.ts')) return CODE_PROVIDER.exec(text)?.[1];
    return providerName(
      name.endsWith('.json') ? parseJson(text, service).value : parseYaml(text, service).value,
    );
  } catch {
    return undefined;
  }
}

/** `provider: { name: 'azure' }` in a service written in code. */
const CODE_PROVIDER = /\bprovider\b['"]?\s*:\s*\{\s*['"]?name['"]?\s*:\s*['"`]([\w-]+)['"`]/;

/** `provider.name` of a service read as data, or `provider` when it is text; a `${...}` variable is not a name. */
function providerName(doc: unknown): string | undefined {
  const provider = asRecord(doc)?.provider;
  const name = typeof provider === 'string' ? provider : asRecord(provider)?.name;
  return typeof name === 'string' && !name.includes('${') ? name.trim() : undefined;
}

/**
 * Whether a service may be an AWS one, whose CloudFormation `serverless package` writes: its provider is `aws`, or is
 * not written as text. AWS is the Framework's default provider ("AWS Provider Documentation": "AWS is the default
 * cloud provider used by Serverless Framework"); a service for another (`azure`, `google`) deploys no CloudFormation.
 */
function mayBeAws(provider: string | undefined): boolean {
  return provider === undefined || provider.toLowerCase() === 'aws';
}

/** What to do for a service file: the README's advice, `.serverless/` shown as the scan shows paths. */
function packageAdvice(service: string, shown: (file: string) => string): string {
  return `run \`serverless package\`, then scan the CloudFormation it writes to ${shown(outputFolder(service))}/`;
}

/** The folder `serverless package` writes to by default: `.serverless` beside the service file. */
function outputFolder(service: string): string {
  return join(dirname(service), '.serverless');
}

/**
 * What the scan says of a service file named on the command line, `doc` as it parsed: what to do for an AWS one;
 * that another provider's deploys no CloudFormation, so there is nothing to check, and how to stop naming it. Both
 * are errors, as any named file that is no template is (README, "Usage"): a file the user asked to have
 * checked that was not is never a clean exit 0.
 */
export function namedServiceMessage(service: string, doc: unknown, shown: (file: string) => string): string {
  const provider = providerName(doc);
  return mayBeAws(provider)
    ? `${shown(service)} is a Serverless Framework service, not a CloudFormation template: ${packageAdvice(service, shown)}`
    : `${shown(service)} is a Serverless Framework service for provider ${provider}, not AWS: it deploys no CloudFormation, so nothing in it can be checked; leave it off the command line (a folder scan passes over it)`;
}

/**
 * A warning for each service file a folder walk met whose `.serverless/` gave the scan nothing (no template scanned
 * there, no error of it or of the folder): not packaged (the folder is usually not committed), so none of its resources was checked.
 * A service for another provider than AWS (see mayBeAws) has nothing to check: no warning.
 * `reached`: the files the scan scanned or reported an error of, as it shows them.
 */
export function unpackagedServiceWarnings(
  services: readonly string[],
  reached: readonly string[],
  shown: (file: string) => string,
): string[] {
  return services
    .filter((service) => {
      if (!mayBeAws(providerOf(service))) return false;
      const folder = shown(outputFolder(service));
      return !reached.some((file) => file === folder || file.startsWith(`${folder}/`));
    })
    .map(
      (service) =>
        `${shown(service)}: Serverless Framework service not checked: ${packageAdvice(service, shown)}`,
    );
}
