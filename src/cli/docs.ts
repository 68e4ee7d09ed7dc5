import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ALL_CHECKS } from '../checks/index.js';
import { checkDocFiles, GENERATED_INDEX_NOTE } from '../docs/check-docs.js';
import { describe } from '../sources/discover.js';
import { EXIT } from './scan.js';
import { helpHint } from './usage.js';

export function registerDocsCommand(program: Command): void {
  program
    .command('docs')
    .showHelpAfterError(helpHint('docs'))
    .description('write the Markdown reference of every check (docs/checks)')
    .argument('[dir]', 'output folder', 'docs/checks')
    .action((dir: string) => {
      const problem = writeCheckDocs(dir);
      if (problem === undefined) return;
      process.stderr.write(`parapet: ${problem}\n`);
      process.exitCode = EXIT.error;
    });
}

/**
 * Writes a page per check and the index into `dir`, and removes the pages of checks that no longer exist.
 * Only files `parapet docs` wrote are replaced or removed: a folder holding other Markdown (a project's
 * README.md, a CHANGELOG.md) is refused, by name, rather than overwritten. Returns the problem, if any.
 */
function writeCheckDocs(dir: string): string | undefined {
  if (existsSync(dir) && !statSync(dir).isDirectory())
    return `cannot write the check reference to ${dir}: it is a file`;
  const files = checkDocFiles(ALL_CHECKS);
  const present = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.md')) : [];
  const foreign = present.filter((name) => !isGenerated(join(dir, name), name));
  const clobbered = foreign.filter((name) => files.has(name));
  if (clobbered.length > 0) {
    return (
      `${dir} holds ${clobbered.join(', ')}, which parapet docs did not write: not overwritten; ` +
      'choose an empty folder (or one parapet docs wrote)'
    );
  }
  try {
    makeFolders(dir);
    for (const name of present) if (!files.has(name) && !foreign.includes(name)) rmSync(join(dir, name));
    for (const [name, text] of files) writeFileSync(join(dir, name), text);
  } catch (error) {
    return `cannot write the check reference to ${dir}: ${describe(error)}`;
  }
  process.stdout.write(`wrote ${files.size} files to ${dir}\n`);
  return undefined;
}

/**
 * Makes `dir` and the folders above it that are missing, one at a time: Node 20's `mkdirSync(dir, { recursive:
 * true })` never returns where making a folder fails with ENOENT although its parent exists (`/proc/x`).
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) {
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing.reverse()) mkdirSync(folder);
}

/** A page `parapet docs` wrote: the index opens with its note, a check page with `# <its file name's id>`. */
function isGenerated(path: string, name: string): boolean {
  const head = readFileSync(path, 'utf8').slice(0, 400);
  if (name === 'README.md') return head.includes(GENERATED_INDEX_NOTE) || head.includes('by `npm run docs`');
  return /^[a-z0-9-]+\.[a-z0-9.-]+\.md$/.test(name) && head.startsWith(`# ${name.slice(0, -3)}\n`);
}
