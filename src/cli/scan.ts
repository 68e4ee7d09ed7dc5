import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type Check, SEVERITIES, type Severity } from '../checks/define.js';
import { ALL_CHECKS } from '../checks/index.js';
import { selectChecks, unmatchedPatterns } from '../checks/select.js';
import { chooseConfigFile } from '../config/choose.js';
import { optionsOfChecksOff } from '../config/idle-options.js';
import { noCheckMatches } from '../config/names.js';
import { commandLineConflicts, emptySelection } from '../config/selection.js';
import { type Config, ConfigError, EMPTY_CONFIG } from '../config/types.js';
import { isCalendarDate } from '../findings/expiry.js';
import { setOwn } from '../model/own.js';
import { toJson } from '../report/json.js';
import { toSarif } from '../report/sarif.js';
import { openFailures, summarize } from '../report/summary.js';
import { toText } from '../report/text.js';
import { displayPathFor, type ScanResult, scan } from '../scan.js';
import { describe } from '../sources/discover.js';
import { wantsColor } from './color.js';
import { helpHint, UsageError } from './usage.js';

export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

interface ScanFlags {
  format: 'text' | 'json' | 'sarif';
  output?: string;
  failOn?: Severity | 'none';
  config?: string;
  checks?: string[];
  skipChecks?: string[];
  /** Each `-p` as given, in order: a repeated one is caught after parsing (see `parameterValues`). */
  parameter?: [string, string][];
  showPassed?: boolean;
  showSuppressed?: boolean;
  color?: boolean;
  scanDate?: Date;
}

export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('scan templates (files or folders) and report findings')
    .showHelpAfterError(helpHint('scan'))
    .argument('[paths...]', 'template files or folders (folders are searched for templates by content)', [
      '.',
    ])
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'),
    )
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 when a finding at or above this severity is open (default: none, or failOn in parapet.yaml)',
      ).choices([...SEVERITIES, 'none']),
    )
    .option(
      '-c, --config <file>',
      'configuration file (default: parapet.yaml in the working directory, else in or beside the first scanned path that has one)',
    )
    .option(
      '--checks <patterns>',
      'run only these checks: ids, globs (iam.*) or services (lambda), comma-separated; repeatable',
      collectList,
    )
    .option('--skip-checks <patterns>', 'do not run these checks (comma-separated; repeatable)', collectList)
    .option(
      '-p, --parameter <key=value>',
      'template parameter value (repeatable, once per parameter); replaces its default',
      collectParameter,
    )
    .option(
      '--show-passed',
      'list passing results in JSON and SARIF too (summary.passed counts them either way)',
    )
    .option('--show-suppressed', 'list suppressed findings in the terminal output')
    .option('--color', 'colour the terminal output even when it is not a terminal (as FORCE_COLOR=1)')
    .option('--no-color', 'no colour in terminal output (as NO_COLOR=1)')
    .option(
      '--scan-date <date>',
      'the date runtime deadlines and suppression expiry dates are checked against (YYYY-MM-DD; default today)',
      parseDate,
    )
    .action(async (paths: string[], flags: ScanFlags) => {
      process.exitCode = await runScan(paths, flags);
    });
}

async function runScan(paths: string[], flags: ScanFlags): Promise<number> {
  const parameters = parameterValues(flags.parameter ?? []);
  if ('problem' in parameters) {
    process.stderr.write(`parapet: ${parameters.problem}\n`);
    return EXIT.error;
  }
  const choice = chooseConfigFile(flags.config, paths);
  let config: Config;
  try {
    config = await readConfig(choice.file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`parapet: ${error.message}\n`);
    return EXIT.error;
  }
  const selectionPatterns = [...(flags.checks ?? []), ...(flags.skipChecks ?? [])];
  const unmatched = unmatchedPatterns(ALL_CHECKS, selectionPatterns);
  if (unmatched.length > 0) {
    // One line per pattern, with the check it most likely meant; the list of checks is one command away.
    const lines = unmatched.map((pattern) => `parapet: ${noCheckMatches(pattern, ALL_CHECKS)}`);
    process.stderr.write(`${lines.join('\n')} (see \`parapet checks\`)\n`);
    return EXIT.error;
  }
  const other = { skip: flags.skipChecks ?? [], enable: config.enable, disable: config.disable };
  const conflicts = commandLineConflicts(flags.checks ?? [], other, ALL_CHECKS);
  const checks = selectChecks(ALL_CHECKS, {
    ...(flags.checks ? { only: flags.checks } : {}),
    enable: config.enable,
    disable: [...config.disable, ...(flags.skipChecks ?? [])],
  });
  if (conflicts.length === 0 && checks.length === 0)
    conflicts.push(emptySelection(flags.checks ?? [], other, ALL_CHECKS));
  if (conflicts.length > 0) {
    process.stderr.write(conflicts.map((problem) => `parapet: ${problem}\n`).join(''));
    return EXIT.error;
  }
  // Before scanning, not after: a long scan should not end in "cannot write".
  const unwritable = flags.output === undefined ? undefined : outputProblem(flags.output);
  if (unwritable) {
    process.stderr.write(`parapet: ${unwritable}\n`);
    return EXIT.error;
  }
  const shown = displayPathFor(process.cwd());
  const configWarnings = config.file
    ? optionsOfChecksOff(config, ALL_CHECKS, checks, shown(config.file))
    : [];
  const result = scan(paths, {
    checks,
    config,
    configChoice: choice,
    scanDate: flags.scanDate ?? new Date(),
    parameters: parameters.values,
    knownCheckIds: ALL_CHECKS.map((c) => c.id),
    ...(flags.showPassed ? { includePassed: true } : {}),
    ...(configWarnings.length > 0 ? { warnings: configWarnings } : {}),
  });
  const report = render(result, flags, checks);
  if (flags.output) {
    try {
      writeFileSync(flags.output, report);
    } catch (error) {
      process.stderr.write(`parapet: cannot write the report to ${flags.output}: ${describe(error)}\n`);
      return EXIT.error;
    }
  } else process.stdout.write(report);
  const failOn = flags.failOn ?? config.failOn ?? 'none';
  const code = exitCode(result, failOn);
  // Every format written to a file says so on stderr, with the counts a CI log needs (and why it exits 2: SARIF
  // keeps scan errors as notifications, not alerts).
  if (flags.output) process.stderr.write(summaryForStderr(result, flags.output, code === EXIT.error));
  // The report reads the same whatever --fail-on says: say why the run fails.
  if (code === EXIT.findings) {
    const why = flags.failOn === undefined ? `failOn: ${failOn} in parapet.yaml` : `--fail-on ${failOn}`;
    process.stderr.write(failingLine(result, failOn as Severity, why));
  }
  return code;
}

function render(result: ScanResult, flags: ScanFlags, checks: readonly Check[]): string {
  if (flags.format === 'json') return toJson(result);
  if (flags.format === 'sarif') return toSarif(result, ALL_CHECKS);
  const color = wantsColor(
    flags.color,
    flags.output !== undefined,
    process.env,
    process.stdout.isTTY === true,
  );
  const notRun = ALL_CHECKS.filter((c) => !checks.includes(c));
  return toText(result, {
    color,
    ...(flags.showSuppressed ? { showSuppressed: true } : {}),
    checksAvailable: {
      total: ALL_CHECKS.length,
      offByDefault: notRun.filter((c) => c.enabledByDefault === false).length,
    },
  });
}

export function exitCode(result: ScanResult, failOn: Severity | 'none'): number {
  if (result.errors.length > 0) return EXIT.error;
  if (failOn === 'none') return EXIT.clean;
  return failing(result, failOn).length > 0 ? EXIT.findings : EXIT.clean;
}

/** The open failures at or above `failOn`: what makes a run exit 1. */
function failing(result: ScanResult, failOn: Severity) {
  const threshold = SEVERITIES.indexOf(failOn);
  return openFailures(result.findings).filter((f) => SEVERITIES.indexOf(f.severity) <= threshold);
}

/** `parapet: failing: 2 open findings at or above high (--fail-on high)`. */
function failingLine(result: ScanResult, failOn: Severity, why: string): string {
  const count = failing(result, failOn).length;
  const findings = count === 1 ? '1 open finding' : `${count} open findings`;
  return `parapet: failing: ${findings} at or above ${failOn} (${why})\n`;
}

function summaryForStderr(result: ScanResult, output: string, exitsOnErrors: boolean): string {
  const { failedTotal, unknown, errors } = summarize(result);
  const scanErrors = errors === 1 ? '1 scan error' : `${errors} scan errors`;
  const why = exitsOnErrors ? ' (exit 2: the report is not the whole scan until they are fixed)' : '';
  return `parapet: ${failedTotal} failed, ${unknown} unknown, ${scanErrors}${why}; report written to ${output}\n`;
}

/** The chosen parapet.yaml (see chooseConfigFile), or no config. */
async function readConfig(file: string | undefined): Promise<Config> {
  // Loaded only when there is a file: the validator (zod) costs ~40 ms of start-up.
  return file === undefined ? EMPTY_CONFIG : (await import('../config/config.js')).loadConfig(file);
}

function collectParameter(value: string, previous: [string, string][] = []): [string, string][] {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new UsageError(malformedParameter(value), 'scan');
  return [...previous, [value.slice(0, eq), value.slice(eq + 1)]];
}

/**
 * What is wrong with a `-p` value that is not Key=Value. Not commander's message: it echoes the value, and
 * `-p DbPassword:hunter2` would print the password. A value that is only a parameter name (CloudFormation's
 * are letters and digits) is safe to show, and is the common case: `-p Stage` without `=prod`.
 */
function malformedParameter(value: string): string {
  if (/^[A-Za-z0-9]{1,255}$/.test(value)) return `-p ${value} has no value: write -p ${value}=<value>`;
  return '-p takes Key=Value (-p Stage=prod); one -p value has no "=" or no key (not shown: it may hold a secret)';
}

/**
 * The `-p` values by parameter. A parameter given twice with different values is a usage error: which
 * one was meant cannot be told, and scanning with the wrong one reports on a stack nobody deploys
 * (`-p Stage=prod -p Stage=dev` from a script that appends its defaults). The message names the
 * parameter, never the values: a NoEcho parameter's value must not be printed, and which parameters are
 * NoEcho is not known yet. The same value twice is harmless and accepted.
 */
export function parameterValues(
  given: readonly (readonly [string, string])[],
): { values: Record<string, string> } | { problem: string } {
  const values: Record<string, string> = {};
  for (const [name, value] of given) {
    if (Object.hasOwn(values, name) && values[name] !== value) {
      return {
        problem: `-p ${name} is given more than once, with different values; give each parameter once`,
      };
    }
    setOwn(values, name, value);
  }
  return { values };
}

function parseDate(value: string): Date {
  // Not Date.parse: it rolls 2026-02-30 over to 2 March instead of refusing it.
  if (!isCalendarDate(value)) throw new InvalidArgumentError('Expected a real date written YYYY-MM-DD.');
  return new Date(`${value}T00:00:00Z`);
}

function collectList(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  ];
}

/** Why the report cannot go to `file` (its folder is missing, or it is a folder), if that can be told now. */
function outputProblem(file: string): string | undefined {
  const folder = dirname(resolve(file));
  if (!existsSync(folder)) return `cannot write the report to ${file}: no such folder ${folder}`;
  if (!statSync(folder).isDirectory()) return `cannot write the report to ${file}: ${folder} is not a folder`;
  if (existsSync(file) && statSync(file).isDirectory())
    return `cannot write the report to ${file}: it is a folder`;
  return undefined;
}
