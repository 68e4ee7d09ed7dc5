import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The project folder. */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** What `parapet` runs (package.json `bin`): the bundle `npm test` builds first. */
export const CLI = join(ROOT, 'dist', 'parapet.cjs');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built CLI as a user would, without colour (a CI that sets FORCE_COLOR would turn it on), with
 * `env` added to the environment.
 */
export function parapet(args: readonly string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): CliRun {
  const { FORCE_COLOR: _force, ...inherited } = process.env;
  const child = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...inherited, NO_COLOR: '1', ...env },
    // A run that never ends fails its test (code null) rather than stall the suite.
    timeout: 20_000,
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/**
 * A template the CLI tests scan: one zip function `id` with a `Stage` parameter (default dev) in its
 * environment, so that -p Stage and the config's checks have something to act on.
 */
export function stageTemplate(id = 'Fn'): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Stage:
    Type: String
    Default: dev
Resources:
  ${id}:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: 'x' }
      Environment:
        Variables:
          STAGE: !Ref Stage
`;
}
