import type { Command } from 'commander';
import { ALL_CHECKS } from '../checks/index.js';
import { checkMatcher } from '../checks/select.js';
import { noCheckMatches } from '../config/names.js';
import { checkMarkdown } from '../docs/check-docs.js';
import { EXIT } from './scan.js';
import { helpHint } from './usage.js';

export function registerChecksCommand(program: Command): void {
  program
    .command('checks')
    .showHelpAfterError(helpHint('checks'))
    .description('list every check, or describe one (id, glob or service)')
    .argument('[pattern]', 'a check id for the full description; a glob or service name to filter the list')
    .option('--json', 'machine-readable list')
    .action((pattern: string | undefined, flags: { json?: boolean }) => {
      const exact = ALL_CHECKS.find((c) => c.id === pattern);
      if (exact && !flags.json) {
        process.stdout.write(checkMarkdown(exact));
        return;
      }
      const matches = pattern ? ALL_CHECKS.filter((c) => checkMatcher([pattern])(c.id)) : [...ALL_CHECKS];
      if (matches.length === 0) {
        process.stderr.write(`parapet: ${noCheckMatches(pattern ?? '', ALL_CHECKS)}\n`);
        process.exitCode = EXIT.error;
        return;
      }
      matches.sort((a, b) => (a.id < b.id ? -1 : 1));
      if (flags.json) {
        const list = matches.map(({ evaluate: _evaluate, ...meta }) => meta);
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      const idWidth = Math.max(...matches.map((c) => c.id.length));
      for (const c of matches) {
        const off = c.enabledByDefault === false ? '  (off by default)' : '';
        process.stdout.write(`${c.id.padEnd(idWidth)}  ${c.severity.padEnd(8)}  ${c.title}${off}\n`);
      }
      process.stdout.write(`\n${matches.length} checks. \`parapet checks <id>\` describes one.\n`);
    });
}
