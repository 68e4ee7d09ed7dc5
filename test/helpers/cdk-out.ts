import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { EMPTY_CONFIG } from '../../src/config/config.js';
import { scan } from '../../src/scan.js';

/** A folder like `cdk.out`: each template written as JSON the way `cdk synth` writes it. */
export function cdkOut(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-cdk-out-'));
  for (const [name, doc] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(doc, null, 1));
  return dir;
}

/** Scans `paths` (the folder by default) with every check, passes included; `of` picks one check's results. */
export function scanCdkOut(dir: string, paths: string[] = [dir], parameters?: Record<string, string>) {
  const result = scan(paths, {
    checks: ALL_CHECKS,
    config: EMPTY_CONFIG,
    scanDate: new Date('2026-11-25'),
    cwd: dir,
    includePassed: true,
    ...(parameters ? { parameters } : {}),
  });
  const of = (checkId: string, resource: string) =>
    result.findings.filter((f) => f.checkId === checkId && f.resource.id === resource);
  return { result, of };
}
