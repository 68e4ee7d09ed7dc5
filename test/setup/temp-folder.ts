import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// Each test file writes its templates and reports under a temp folder of its own, removed when the file is done,
// so that runs of the suite leave nothing behind. Node's tmpdir() reads TMPDIR on each call, and the CLI runs
// the tests spawn inherit it.
const outer = process.env.TMPDIR;
const folder = mkdtempSync(join(tmpdir(), 'parapet-test-'));
process.env.TMPDIR = folder;

afterAll(() => {
  if (outer === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = outer;
  rmSync(folder, { recursive: true, force: true });
});
