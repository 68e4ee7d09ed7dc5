import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

describe('output piped into a command that stops reading (| head)', () => {
  it('ends quietly, with no stack trace', () => {
    // `head -c 1` closes the pipe after one byte, while the list is still being written.
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" checks | head -c 1 >/dev/null`], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
