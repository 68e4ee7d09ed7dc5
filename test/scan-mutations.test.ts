import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../src/checks/index.js';
import { EMPTY_CONFIG } from '../src/config/config.js';
import { scan } from '../src/scan.js';
import { parseYaml } from '../src/sources/cloudformation/yaml.js';
import { ROOT } from './helpers/cli.js';

// Real templates are messier than the ones a test writes by hand. Any value anywhere in a template may be
// of the wrong shape, a stray intrinsic or a name nothing declares: Parapet must report what it cannot
// read, never fail on the file ("Parapet failed on this file", kind `internal`) or in a check (`check`).

const SEEDS = ['examples/insecure-app/template.yaml', 'test/fixtures/sam/sqs.yaml'].map((file) => {
  const path = join(ROOT, file);
  return JSON.stringify(parseYaml(readFileSync(path, 'utf8'), path).value);
});

const ODD_VALUES: readonly unknown[] = [
  null,
  [],
  {},
  '',
  '*',
  0,
  true,
  [null],
  [{}],
  { Ref: 'Nothing' },
  { Ref: 'AWS::NoValue' },
  { 'Fn::If': ['Nowhere', 'a', { Ref: 'AWS::NoValue' }] },
  { 'Fn::Sub': '${Nothing}-${AWS::Region}' },
  { 'Fn::GetAtt': ['Nothing', 'Arn'] },
  { 'Fn::Join': ['', [1, { Ref: 'AWS::Partition' }]] },
  { 'Fn::Select': [5, []] },
  { 'Fn::Split': [',', 1] },
  { 'Fn::ImportValue': 'Elsewhere' },
  { 'Fn::FindInMap': ['A', 'B', 'C'] },
  { a: { b: [] } },
  'constructor',
];

/** Every path of a parsed template, to a mapping entry or a list item. */
function pathsOf(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
  if (path.length > 0) out.push(path);
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      pathsOf(child, [...path, Array.isArray(value) ? Number(key) : key], out);
    }
  }
  return out;
}

function replaced(doc: unknown, path: readonly (string | number)[], value: unknown): void {
  let node = doc as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = structuredClone(value);
}

describe('templates with values of the wrong shape anywhere', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-mutations-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const scanned = (doc: unknown, name: string) => {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(doc));
    const result = scan([file], {
      checks: ALL_CHECKS,
      config: EMPTY_CONFIG,
      scanDate: new Date('2026-11-25'),
      cwd: dir,
    });
    return result.errors.filter((e) => e.kind === 'internal' || e.kind === 'check');
  };

  it('every section and resource replaced by each odd value: nothing fails inside Parapet', () => {
    const failures: string[] = [];
    SEEDS.forEach((seed, s) => {
      for (const path of pathsOf(JSON.parse(seed)).filter((p) => p.length <= 2)) {
        ODD_VALUES.forEach((value, v) => {
          const doc: unknown = JSON.parse(seed);
          replaced(doc, path, value);
          for (const e of scanned(doc, `shallow-${s}-${v}`))
            failures.push(`${path.join('.')} = ${JSON.stringify(value)}: ${e.message}`);
        });
      }
    });
    expect(failures).toEqual([]);
    // Hundreds of whole scans: ~20 s alone, past the suite's 30 s on a 2-core machine running other work.
  }, 120_000);

  it('deeper values replaced at random: nothing fails inside Parapet', () => {
    const mutation = fc.record({
      seed: fc.nat(SEEDS.length - 1),
      edits: fc.array(
        fc.record({ depth: fc.nat(), where: fc.nat(), value: fc.constantFrom(...ODD_VALUES) }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    });
    let run = 0;
    fc.assert(
      fc.property(mutation, ({ seed, edits }) => {
        const doc: unknown = JSON.parse(SEEDS[seed] as string);
        for (const { depth, where, value } of edits) {
          // A depth first (below the sections and resources the test above covers), then a path of it.
          const paths = pathsOf(doc);
          const deepest = Math.max(...paths.map((p) => p.length));
          const atDepth = paths.filter((p) => p.length === 3 + (depth % Math.max(1, deepest - 2)));
          replaced(doc, atDepth[where % atDepth.length] as (string | number)[], value);
        }
        expect(scanned(doc, `mutated-${run++}`)).toEqual([]);
      }),
      { numRuns: 300, seed: 20261125 },
    );
  }, 120_000);
});
