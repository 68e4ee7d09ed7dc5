import { describe, expect, it } from 'vitest';
import { type CaseRun, exploreCases, mergeCases, planCases } from '../../src/engine/condition-cases.js';
import type { Finding } from '../../src/findings/finding.js';
import { caseFinding } from '../helpers/findings.js';

const undecided = new Map([['IsProd', 'depends on parameter Env']]);

const finding = caseFinding;

function run(holds: boolean, findings: Finding[], exists = true): CaseRun {
  return { conditions: new Map([['IsProd', holds]]), findings, exists: () => exists };
}

describe('planCases', () => {
  it('has nothing to plan without undecided conditions', () => {
    expect(planCases(new Map(), 10)).toBeUndefined();
  });

  it('makes every combination of true and false, names sorted', () => {
    const plan = planCases(
      new Map([
        ['B', 'b'],
        ['A', 'a'],
      ]),
      10,
    );
    expect(plan && 'cases' in plan ? plan.cases.map((c) => [...c]) : plan).toEqual([
      [
        ['A', true],
        ['B', true],
      ],
      [
        ['A', false],
        ['B', true],
      ],
      [
        ['A', true],
        ['B', false],
      ],
      [
        ['A', false],
        ['B', false],
      ],
    ]);
  });

  it('skips, saying why, beyond six conditions or a large template', () => {
    const seven = new Map(['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((n) => [n, n]));
    expect(planCases(seven, 1)).toEqual({
      skipped: expect.stringMatching(/^conditions A, B, C, D, E, F, G are not known/),
    });
    expect(planCases(undecided, 2001)).toEqual({
      skipped: expect.stringMatching(
        /checking 2 cases over 2001 resources would cost too much: at most 4000 resources in all/,
      ),
    });
    expect(planCases(undecided, 2000)).toHaveProperty('cases');
  });

  it('leaves out the cases that cannot happen, and counts only the others against the limit', () => {
    const two = new Map([
      ['A', 'a'],
      ['B', 'b'],
    ]);
    const notBoth = (c: ReadonlyMap<string, boolean>) => !(c.get('A') && c.get('B'));
    const plan = planCases(two, 1, notBoth);
    expect(plan && 'cases' in plan ? plan.cases.map((c) => [...c.values()]) : plan).toEqual([
      [false, true],
      [true, false],
      [false, false],
    ]);
    expect(planCases(two, 1333, notBoth)).toHaveProperty('cases');
    expect(planCases(two, 1334, notBoth)).toHaveProperty('skipped');
    expect(planCases(two, 1, () => false)).toBeUndefined();
  });
});

describe('exploreCases', () => {
  it('adds a condition a case meets inside a branch, and builds its cases too', () => {
    const built: { conditions: string[] }[] = [];
    const result = exploreCases({ undecided }, 1, (conditions) => {
      built.push({ conditions: [...conditions.keys()] });
      return { undecided: conditions.get('IsProd') ? new Map([['Inner', 'x']]) : new Map() };
    });
    expect(result && 'builds' in result ? [...result.undecided.keys()] : result).toEqual(['IsProd', 'Inner']);
    expect(built.map((b) => b.conditions.join('+'))).toEqual([
      'IsProd',
      'IsProd',
      'Inner+IsProd',
      'Inner+IsProd',
      'Inner+IsProd',
      'Inner+IsProd',
    ]);
  });
});

describe('mergeCases', () => {
  it('fails what fails in every case, passes what passes in every case', () => {
    expect(
      mergeCases([run(true, [finding('fail')]), run(false, [finding('fail')])], undecided, false),
    ).toEqual({
      findings: [finding('fail')],
      passed: 0,
    });
    expect(mergeCases([run(true, [finding('pass')]), run(false, [])], undecided, false)).toEqual({
      findings: [],
      passed: 1,
    });
    expect(mergeCases([run(true, [finding('pass')]), run(false, [])], undecided, true).findings).toEqual([
      finding('pass'),
    ]);
  });

  it('makes unknown what fails in some cases, naming them', () => {
    const merged = mergeCases(
      [run(true, [finding('fail', 'Bad.')]), run(false, [finding('pass')])],
      undecided,
      false,
    );
    expect(merged.findings).toEqual([
      {
        ...finding('fail'),
        status: 'unknown',
        message:
          'When condition IsProd holds: Bad. Condition IsProd cannot be decided before deploy: it depends on parameter Env.',
      },
    ]);
  });

  it('keeps no pass beside an unknown of the same check and resource, though their fingerprints differ', () => {
    // `Tracing: !If [IsProd, Active, PassThrough]`: the pass and the failure are worded apart, so fingerprinted apart.
    const merged = mergeCases(
      [run(true, [finding('pass', 'On.', 'fp-pass')]), run(false, [finding('fail', 'Off.', 'fp-fail')])],
      undecided,
      true,
    );
    expect(merged.findings.map((f) => f.status)).toEqual(['unknown']);
    expect(merged.passed).toBe(0);
    // Another resource's pass stays.
    const other = {
      ...finding('pass', 'On.', 'fp-other'),
      resource: { ...finding('pass').resource, id: 'Other' },
    };
    const both = mergeCases(
      [
        run(true, [finding('pass', 'On.', 'fp-pass'), other]),
        run(false, [finding('fail', 'Off.', 'fp-fail'), other]),
      ],
      undecided,
      true,
    );
    expect(both.findings.map((f) => [f.status, f.resource.id])).toEqual([
      ['pass', 'Other'],
      ['unknown', 'R'],
    ]);
    expect(both.passed).toBe(1);
  });

  it('tells each reason with its cases when the cases that fail fail for different reasons', () => {
    // One place of the template (a layer chosen by conditions), a different value failing in two of three cases.
    const two = new Map([
      ['IsProd', 'depends on parameter Env'],
      ['IsGov', 'depends on the partition'],
    ]);
    const at = (prod: boolean, gov: boolean, findings: Finding[]): CaseRun => ({
      conditions: new Map([
        ['IsProd', prod],
        ['IsGov', gov],
      ]),
      findings,
      exists: () => true,
    });
    const merged = mergeCases(
      [
        at(true, true, [finding('pass')]),
        at(false, true, [finding('fail', 'Account A.')]),
        at(false, false, [finding('fail', 'Account B.')]),
      ],
      two,
      false,
    );
    expect(merged.findings.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        // IsGov false alone picks out the last case (no case has IsProd with IsGov false): IsProd is not named there.
        'When condition IsProd does not hold and condition IsGov holds: Account A. It also fails when condition IsGov ' +
          'does not hold: Account B. Conditions IsProd and IsGov cannot be decided before deploy: IsProd depends on ' +
          'parameter Env; IsGov depends on the partition.',
      ],
    ]);
  });

  it('reports a finding that fails in every case at its worst case, told first, whatever the order of the cases', () => {
    const high = { ...finding('fail', 'Deprecated.'), severity: 'high' as const };
    const critical = { ...finding('fail', 'Blocked.'), severity: 'critical' as const };
    for (const [holding, other] of [
      [high, critical],
      [critical, high],
    ] as const) {
      const [merged] = mergeCases([run(true, [holding]), run(false, [other])], undecided, false).findings;
      expect(merged?.severity).toBe('critical');
      expect(merged?.message).toMatch(
        /^When condition IsProd (holds|does not hold): Blocked\. It fails in the other cases too: .*Deprecated\.$/,
      );
    }
  });

  it('tells each reason with its cases when the cases are unknown for different reasons', () => {
    const merged = mergeCases(
      [
        run(true, [finding('unknown', 'From parameter A.')]),
        run(false, [finding('unknown', 'From parameter B.')]),
      ],
      undecided,
      false,
    );
    expect(merged.findings.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        'When condition IsProd holds: From parameter A. It is also unknown when condition IsProd does not hold: ' +
          'From parameter B. Condition IsProd cannot be decided before deploy: it depends on parameter Env.',
      ],
    ]);
  });

  it('keeps an unknown that no case decides', () => {
    const merged = mergeCases(
      [run(true, [finding('unknown')]), run(false, [finding('pass')])],
      undecided,
      false,
    );
    expect(merged.findings).toEqual([finding('unknown')]);
  });

  it('judges a finding only in the cases where its resource exists', () => {
    const merged = mergeCases([run(true, [finding('fail')]), run(false, [], false)], undecided, false);
    expect(merged.findings).toEqual([
      {
        ...finding('fail'),
        // The README's "the finding says when that is": in the message, not only in the assumptions.
        message: `When condition IsProd holds: ${finding('fail').message}`,
        assumptions: ['the resource exists only when condition IsProd holds'],
      },
    ]);
  });

  it('pairs findings that share a fingerprint in order, the nth with the nth', () => {
    const merged = mergeCases(
      [run(true, [finding('fail', 'one.'), finding('fail', 'two.')]), run(false, [finding('fail', 'one.')])],
      undecided,
      false,
    );
    expect(merged.findings.map((f) => [f.status, f.message.slice(0, 24)])).toEqual([
      ['fail', 'one.'],
      ['unknown', 'When condition IsProd ho'],
    ]);
  });
});

describe('a finding that fails in every case for more reasons than are told', () => {
  it('counts the ways left untold once: "and in 2 more ways"', () => {
    const conditions = (a: boolean, b: boolean, c: boolean): ReadonlyMap<string, boolean> =>
      new Map([
        ['A', a],
        ['B', b],
        ['C', c],
      ]);
    const runs: CaseRun[] = [];
    let n = 0;
    for (const a of [true, false])
      for (const b of [true, false])
        for (const c of [true, false]) {
          if (n === 5) break;
          runs.push({
            conditions: conditions(a, b, c),
            findings: [finding('fail', `way ${n++}.`)],
            exists: () => true,
          });
        }
    const undecidedThree = new Map([
      ['A', 'a'],
      ['B', 'b'],
      ['C', 'c'],
    ]);
    const [merged] = mergeCases(runs, undecidedThree, false).findings;
    expect(merged?.message).toMatch(/; and in 2 more ways\.$/);
    // The same when some cases pass: the failing ones told as far as two more, the rest counted.
    const passing: CaseRun = {
      conditions: conditions(false, false, false),
      findings: [finding('pass')],
      exists: () => true,
    };
    const [some] = mergeCases([...runs, passing], undecidedThree, false).findings;
    expect([some?.status, some?.message.match(/It also fails .*; and in 2 more ways\./) !== null]).toEqual([
      'unknown',
      true,
    ]);
  });
});
