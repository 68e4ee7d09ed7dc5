import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ALL_CHECKS } from '../checks/index.js';
import { checkDocFiles } from '../docs/check-docs.js';
import { helpHint } from './usage.js';

export function registerDocsCommand(program: Command): void {
  program
    .command('docs')
    .showHelpAfterError(helpHint('docs'))
    .description('write the Markdown reference of every check (docs/checks)')
    .argument('[dir]', 'output folder', 'docs/checks')
    .action((dir: string) => {
      mkdirSync(dir, { recursive: true });
      const files = checkDocFiles(ALL_CHECKS);
      for (const old of readdirSync(dir)) if (old.endsWith('.md') && !files.has(old)) rmSync(join(dir, old));
      for (const [name, text] of files) writeFileSync(join(dir, name), text);
      process.stdout.write(`wrote ${files.size} files to ${dir}\n`);
    });
}
