#!/usr/bin/env node
// `parapet` (dist/parapet.cjs): runs the bundled CLI, parapet-main.cjs, with V8's code cache for it,
// parapet-main.cache, which the build made by running a scan (see scripts/bundle.mjs). With the cache V8
// neither parses the bundle nor compiles its functions to bytecode one by one as the scan first calls
// them. A cache this Node cannot use (another V8, other flags) is rejected by V8 itself, and the bundle is
// compiled as if there were none. V8 checks only the length of the source, so the cache starts with a line
// giving the bundle's size and modification time when it was made (as Python's .pyc files do): a bundle
// changed since (patched by hand, rebuilt without a cache) runs without it.
// CommonJS itself, as the bundle is: Node starts a CommonJS main module without setting up its ES module
// loader, a few milliseconds of every run.
const { readFileSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

// The real folder, also when run through npm's link in node_modules/.bin (Node resolves a main module's links).
const main = join(__dirname, 'parapet-main.cjs');
const cacheFile = join(__dirname, 'parapet-main.cache');
// Set by the build only, to write the cache when the scan it runs ends.
const writeCacheTo = process.env.PARAPET_WRITE_CODE_CACHE;

const stat = statSync(main);
// In whole milliseconds, rounded: a time set through a Date (a copy that keeps times) comes back a hair off.
const stamp = `${stat.size}:${Math.round(stat.mtimeMs)}\n`;
let cachedData;
if (!writeCacheTo) {
  try {
    const cache = readFileSync(cacheFile);
    const madeFor = cache.subarray(0, stamp.length).toString('latin1');
    if (madeFor === stamp) cachedData = cache.subarray(stamp.length);
  } catch {
    // No cache (a build that could not make one): V8 compiles the bundle.
  }
}
// CommonJS's own wrapper, on the bundle's first line, so that stack traces keep its line numbers.
const source = readFileSync(main, 'utf8');
const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
const script = new Script(wrapped, { filename: main, cachedData });
if (writeCacheTo) {
  process.once('exit', () => {
    writeFileSync(writeCacheTo, Buffer.concat([Buffer.from(stamp, 'latin1'), script.createCachedData()]));
  });
}
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(main), bundle, main, dirname(main));
