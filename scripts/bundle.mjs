// Bundles the compiled CLI (dist/src) into dist/parapet-main.cjs, gives it V8's code cache
// (dist/parapet-main.cache) and writes the bin that runs the two, dist/parapet.cjs (scripts/launcher.cjs).
// A bundle spares Node resolving, reading and linking ~170 modules on every start (measured: about 7% of
// a 2,000-function scan, a third of `parapet --version`); the code cache spares V8 parsing the bundle and
// compiling each function the scan calls (a tenth of scanning the bundled example, 4% of the 2,000-function
// template). V8 takes a code cache only for a classic script, hence CommonJS rather than an ES module.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chooseHashbang } from './hashbang.mjs';

// Clear the last build's bundle, cache and bin (and the chunks of earlier builds).
for (const file of readdirSync('dist')) if (/^parapet.*\.(mjs|cjs|cache)$/.test(file)) rmSync(`dist/${file}`);

await build({
  entryPoints: ['dist/src/cli/main.js'],
  outfile: 'dist/parapet-main.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // version.ts finds package.json from its own file: in the bundle, the bundle's.
  define: { 'import.meta.url': 'parapetBundleUrl' },
  banner: { js: "var parapetBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // The IAM action catalog (1.4 MB) stays a JSON file beside the bundle: inlined, it became a JS object
  // literal whose compiled form cost about 20 MB of memory on every run, where JSON.parse costs little.
  plugins: [
    {
      name: 'external-iam-catalog',
      setup(build) {
        build.onResolve({ filter: /iam-actions\.json$/ }, () => ({
          path: './src/data/iam-actions.json',
          external: true,
        }));
      },
    },
  ],
  // Without the indentation and comments, a third less for V8 to read where it has no cache to use.
  // Names stay, so an error's stack still reads.
  minifyWhitespace: true,
  logLevel: 'warning',
});

// The bin runs the bundle inside a function (CommonJS's wrapper), where a hashbang cannot stand.
const bundle = readFileSync('dist/parapet-main.cjs', 'utf8');
writeFileSync('dist/parapet-main.cjs', bundle.replace(/^#!.*\n/, ''));

// The bin. Where this machine's env passes flags in a hashbang, it starts Node with --v8-pool-size=0
// (see hashbang.mjs).
const launcher = readFileSync('scripts/launcher.cjs', 'utf8');
writeFileSync('dist/parapet.cjs', launcher.replace(/^#!.*\n/, `${chooseHashbang()}\n`));
// npm makes a dependency's bin executable when installing it, but not the project's own: `npx parapet`
// right after `npm ci` in a clone runs this file directly.
chmodSync('dist/parapet.cjs', 0o755);
// An npx cache made before the bundle existed still links to the compiled entry point.
chmodSync('dist/src/cli/main.js', 0o755);

// The code cache: V8's bytecode for the functions a scan of the bundled examples (SAM and CDK output, terminal
// output) calls, made by this Node for itself. Without the examples (or if the scan fails) there is no cache,
// and the bin runs without one.
const work = mkdtempSync(join(tmpdir(), 'parapet-code-cache-'));
const training = spawnSync(
  process.execPath,
  ['dist/parapet.cjs', 'scan', 'examples', '-o', join(work, 'out.txt')],
  { env: { ...process.env, PARAPET_WRITE_CODE_CACHE: 'dist/parapet-main.cache' }, stdio: 'ignore' },
);
rmSync(work, { recursive: true, force: true });
if (training.status !== 0) {
  rmSync('dist/parapet-main.cache', { force: true });
  process.stderr.write(`bundle: no code cache (the example scan exited ${training.status})\n`);
}
