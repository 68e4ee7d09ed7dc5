/** The floor a scan is measured against: read and parse the same files with positions, nothing else. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml } from '../src/sources/cloudformation/yaml.js';

const target = process.argv[2] as string;
const files = statSync(target).isDirectory() ? readdirSync(target).map((f) => join(target, f)) : [target];
let nodes = 0;
for (const file of files) {
  const parsed = parseYaml(readFileSync(file, 'utf8'), file);
  nodes += Object.keys((parsed.value as { Resources: object }).Resources).length;
}
process.stdout.write(`${nodes}\n`);
