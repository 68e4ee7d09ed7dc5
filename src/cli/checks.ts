import type { Command } from 'commander';
import type { Check } from '../checks/define.js';
import { ALL_CHECKS } from '../checks/index.js';
import { checkMatcher } from '../checks/select.js';
import { noCheckMatches } from '../config/names.js';
import { checkMarkdown } from '../docs/check-docs.js';
import { markdownAsText } from '../docs/markdown-text.js';
import { wantsColor } from './color.js';
import { EXIT } from './scan.js';
import { helpHint } from './usage.js';

export function registerChecksCommand(program: Command): void {
  program
    .command('checks')
    .showHelpAfterError(helpHint('checks'))
    .description('list every check, or describe one (id, glob or service)')
    .argument('[pattern]', 'a check id for the full description; a glob or service name to filter the list')
    .option('--json', 'machine-readable list')
    .option('--markdown', "a check's description as Markdown also on a terminal (it is Markdown when piped)")
    .option('--color', "colour a check's description on a terminal even where NO_COLOR or TERM=dumb say not")
    .option('--no-color', "no colour in a check's description on a terminal (as NO_COLOR=1)")
    .action((pattern: string | undefined, flags: { json?: boolean; markdown?: boolean; color?: boolean }) => {
      const exact = ALL_CHECKS.find((c) => c.id === pattern);
      if (exact && !flags.json) {
        const out = process.stdout;
        const where = {
          terminal: out.isTTY === true && !flags.markdown,
          columns: out.columns,
          color: flags.color,
        };
        process.stdout.write(describeCheck(exact, where));
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
      process.stdout.write(`\n${matches.length} checks. parapet checks <id> describes one.\n`);
    });
}

/**
 * One check's full description: Markdown (docs/checks/<id>.md is the same text) when piped or with --markdown,
 * so that it can be saved or rendered; on a terminal, text wrapped to its width and coloured as the scan report is.
 */
export function describeCheck(
  check: Check,
  // A terminal that does not tell its width says 0 (some CI pseudo-terminals, `script`): 80 then.
  // `color`: --color / --no-color, which decide over the environment.
  where: { terminal: boolean; columns?: number | undefined; color?: boolean | undefined },
  env: NodeJS.ProcessEnv = process.env,
): string {
  const markdown = checkMarkdown(check);
  if (!where.terminal) return markdown;
  return markdownAsText(markdown, {
    color: wantsColor(where.color, false, env, true),
    width: where.columns || 80,
  });
}
