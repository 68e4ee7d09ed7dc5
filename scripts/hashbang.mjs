// The hashbang of the bin (dist/parapet.cjs, the launcher of the bundle), chosen for the machine that builds it.
//
// `--v8-pool-size=0` sizes V8's background threads (compiling, garbage collection) to the machine's cores
// instead of Node's fixed four: on a 2-core machine the extra threads took the CPU from the scan itself (the
// 2,000-function bench template: 0.74 s without, 0.58 s with). A hashbang passes flags only through
// `env -S`, which GNU coreutils and macOS have and BusyBox (Alpine), OpenBSD and Windows do not. So the
// bundle gets the flag only where this machine's env takes it: `npm ci` (prepare) builds it where it runs.
import { spawnSync } from 'node:child_process';

export const PLAIN = '#!/usr/bin/env node';
export const FLAGGED = '#!/usr/bin/env -S node --v8-pool-size=0';

/** FLAGGED when `env` (at `envPath`) splits its -S argument and Node takes the flag; PLAIN otherwise. */
export function chooseHashbang(envPath = '/usr/bin/env') {
  const probe = spawnSync(envPath, ['-S', `${process.execPath} --v8-pool-size=0 -e 0`], { stdio: 'ignore' });
  return probe.status === 0 ? FLAGGED : PLAIN;
}
