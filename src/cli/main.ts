#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { registerChecksCommand } from './checks.js';
import { registerDocsCommand } from './docs.js';
import { EXIT, registerScanCommand } from './scan.js';

const program = new Command()
  .name('parapet')
  .description('Security scanner for AWS Lambda workloads: CloudFormation, SAM and CDK output')
  .version(VERSION)
  .showHelpAfterError()
  .exitOverride();

registerScanCommand(program);
registerChecksCommand(program);
registerDocsCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every usage mistake is exit code 2, as documented.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT.error;
  } else {
    process.stderr.write(`parapet: ${(error as Error).message}\n`);
    process.exitCode = EXIT.error;
  }
}
