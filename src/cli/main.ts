#!/usr/bin/env node
// The bin built with this file (dist/parapet.cjs, a launcher of its bundle) may start with another hashbang: see
// scripts/bundle.mjs.
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { registerChecksCommand } from './checks.js';
import { registerDocsCommand } from './docs.js';
import { EXIT, registerScanCommand } from './scan.js';
import { asParapetMessage, helpHint, UsageError } from './usage.js';

// `parapet checks | head` closes the pipe early: stop quietly, as other command-line tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command()
  .name('parapet')
  .description('Security scanner for AWS Lambda workloads: CloudFormation, SAM and CDK output')
  .version(VERSION)
  // A usage error is the error and one line pointing at the help: the whole help page would push it off
  // screen. Each command sets its own hint (its `--help`); commander words its errors like Parapet's.
  .showHelpAfterError(helpHint())
  .configureOutput({ outputError: (text, write) => write(asParapetMessage(text)) })
  .exitOverride();

registerScanCommand(program);
registerChecksCommand(program);
registerDocsCommand(program);

// Not a top-level await: the bundle is CommonJS, so that V8's code cache can be given to it (scripts/bundle.mjs).
program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every usage mistake is exit code 2, as documented.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT.error;
  } else if (error instanceof UsageError) {
    process.stderr.write(`parapet: ${error.message}\n${helpHint(error.command)}\n`);
    process.exitCode = EXIT.error;
  } else {
    process.stderr.write(`parapet: ${(error as Error).message}\n`);
    process.exitCode = EXIT.error;
  }
});
