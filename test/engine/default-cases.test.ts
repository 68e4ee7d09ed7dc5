import { describe, expect, it } from 'vitest';
import {
  type CaseRun,
  type DefaultDecision,
  exploreCases,
  mergeCases,
  planDefaultCases,
} from '../../src/engine/condition-cases.js';
import type { Finding } from '../../src/findings/finding.js';
import { caseFinding } from '../helpers/findings.js';

// Conditions the parameters' defaults decide are explored as cases too, but the defaults keep their meaning.

const IS_DEV: DefaultDecision = { holds: false, otherwise: 'Env=dev, not its default prod' };
const byDefault = new Map([['IsDev', IS_DEV]]);

const finding = caseFinding;

function run(conditions: Record<string, boolean>, findings: Finding[], exists = true): CaseRun {
  return { conditions: new Map(Object.entries(conditions)), findings, exists: () => exists };
}

const values = (cases: readonly ReadonlyMap<string, boolean>[]) => cases.map((c) => Object.fromEntries(c));

describe('planDefaultCases', () => {
  it('adds each default-decided condition at its default value and the other', () => {
    const plan = planDefaultCases([new Map()], byDefault, 10);
    expect(values(plan.cases)).toEqual([{ IsDev: false }, { IsDev: true }]);
    expect(plan.left).toBeUndefined();
  });

  it('adds them after the undecided conditions, and only in the combinations a deploy can make', () => {
    const base = [new Map([['U', true]]), new Map([['U', false]])];
    const notBoth = (c: ReadonlyMap<string, boolean>) => !(c.get('U') && c.get('IsDev'));
    expect(values(planDefaultCases(base, byDefault, 10, notBoth).cases)).toEqual([
      { U: true, IsDev: false },
      { U: false, IsDev: false },
      { U: false, IsDev: true },
    ]);
  });

  it('does not count a condition whose other value no deploy can make, and leaves it out of the warning', () => {
    const six = new Map(['A', 'B', 'C', 'D', 'E', 'F'].map((n) => [n, IS_DEV]));
    const never = new Map([...six, ['Never', IS_DEV]]);
    const plan = planDefaultCases([new Map()], never, 1, (c) => c.get('Never') !== true);
    expect(plan.cases).toHaveLength(64);
    expect(plan.left).toBeUndefined();
  });

  it('leaves the last ones in name order to their defaults beyond six conditions, undecided ones counted first', () => {
    const four = new Map(['D', 'A', 'C', 'B'].map((n) => [n, IS_DEV]));
    const undecided = [
      new Map([
        ['U1', true],
        ['U2', true],
        ['U3', true],
      ]),
    ];
    const plan = planDefaultCases(undecided, four, 1);
    expect(Object.keys(values(plan.cases)[0] ?? {})).toEqual(['U1', 'U2', 'U3', 'A', 'B', 'C']);
    expect(plan.left).toBe(
      'condition D is decided by parameter defaults, which a deploy may override; Parapet checked it with ' +
        'the defaults only (Parapet checks the cases of at most 6 conditions, those not known before deploy first)',
    );
  });

  it('leaves them to their defaults when their cases would cost too much', () => {
    const plan = planDefaultCases([new Map()], byDefault, 2001);
    expect(values(plan.cases)).toEqual([{}]);
    expect(plan.left).toMatch(
      /^condition IsDev is decided .* \(checking their other values over 2001 resources would cost too much: at most 4000 resources in all\)$/,
    );
    expect(planDefaultCases([new Map()], byDefault, 2000).left).toBeUndefined();
  });

  it('asks no more cases of a condition past the limits than tell it is left, the cases and warning the same', () => {
    // 240 conditions over 240 resources: 16 cases (four conditions) cost 3840 of the 4000; the others are left.
    const names = Array.from({ length: 240 }, (_, i) => `C${String(i).padStart(3, '0')}`);
    const many = new Map(names.map((n) => [n, IS_DEV]));
    let asked = 0;
    const plan = planDefaultCases([new Map()], many, 240, () => {
      asked++;
      return true;
    });
    expect(plan.cases).toHaveLength(16);
    expect(Object.keys(values(plan.cases)[0] ?? {})).toEqual(names.slice(0, 4));
    expect(plan.left).toMatch(
      /^conditions C004, C005, .* and C239 are decided by parameter defaults, .* at most 4000 resources in all\)$/,
    );
    // 2 + 4 + 8 + 16 for the four explored, 17 for the fifth (one more than the 16 the limit allows): 17 for each after.
    expect(asked).toBe(2 + 4 + 8 + 16 + 17 * 236);
  });
});

describe('exploreCases with default-decided conditions', () => {
  type Built = { undecided: Map<string, string>; byDefault: Map<string, DefaultDecision>; name: string };
  const first: Built = { undecided: new Map(), byDefault, name: 'first' };

  it('builds nothing when no condition is undecided or decided by defaults', () => {
    let builds = 0;
    const result = exploreCases({ ...first, byDefault: new Map() }, 1, () => {
      builds++;
      return first;
    });
    expect(result).toEqual({ warnings: [] });
    expect(builds).toBe(0);
  });

  it('takes the first build as the defaults case, and builds the other with only what differs from the defaults', () => {
    const asked: Record<string, boolean>[] = [];
    const result = exploreCases(first, 1, (conditions) => {
      asked.push(Object.fromEntries(conditions));
      return { undecided: new Map(), byDefault: new Map(), name: 'other' };
    });
    expect(asked).toEqual([{ IsDev: true }]);
    expect(
      'builds' in result
        ? result.builds.map((b) => [b.built.name, Object.fromEntries(b.conditions)])
        : result,
    ).toEqual([
      ['first', { IsDev: false }],
      ['other', { IsDev: true }],
    ]);
  });

  it('builds nothing more when no deploy can make the other value', () => {
    let builds = 0;
    const result = exploreCases(
      first,
      1,
      () => {
        builds++;
        return first;
      },
      (c) => c.get('IsDev') !== true,
    );
    expect(result).toEqual({ warnings: [] });
    expect(builds).toBe(0);
  });

  it('builds every case again once a condition undecided is met, the defaults still taken as decided', () => {
    const asked: Record<string, boolean>[] = [];
    exploreCases({ ...first, undecided: new Map([['U', 'x']]) }, 1, (conditions) => {
      asked.push(Object.fromEntries(conditions));
      return { undecided: new Map(), byDefault: new Map(), name: 'case' };
    });
    expect(asked).toEqual([{ U: true }, { U: true, IsDev: true }, { U: false }, { U: false, IsDev: true }]);
  });

  it('leaves the default-decided conditions unexplored, saying so, when the undecided ones are too many', () => {
    const seven = new Map(['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((n) => [n, n]));
    const result = exploreCases({ ...first, undecided: seven }, 1, () => first);
    expect(result).toEqual({
      warnings: [
        expect.stringMatching(/^conditions A, B, C, D, E, F, G are not known before deploy/),
        'condition IsDev is decided by parameter defaults, which a deploy may override; Parapet checked it ' +
          'with the defaults only (the conditions not known before deploy were not explored either)',
      ],
    });
  });
});

describe('mergeCases with default-decided conditions', () => {
  const merge = (runs: CaseRun[], undecided = new Map<string, string>()) =>
    mergeCases(runs, undecided, true, () => [], byDefault).findings;

  it('makes unknown what passes with the defaults and fails otherwise, as the failing case has it, saying when', () => {
    const failing = { ...finding('fail', 'Bad.'), severity: 'critical' as const, assumptions: ['a'] };
    expect(merge([run({ IsDev: false }, [finding('pass')]), run({ IsDev: true }, [failing])])).toEqual([
      {
        ...failing,
        status: 'unknown',
        message:
          "When condition IsDev holds (Env=dev, not its default prod): Bad. With the parameters' defaults " +
          'condition IsDev does not hold; a deploy may override them.',
      },
    ]);
  });

  it('does the same for an unknown or an absent finding with the defaults', () => {
    for (const atDefaults of [[finding('unknown')], []]) {
      const merged = merge([
        run({ IsDev: false }, atDefaults),
        run({ IsDev: true }, [finding('fail', 'Bad.')]),
      ]);
      expect(
        merged.map((f) => [f.status, f.message.startsWith('When condition IsDev holds (Env=dev')]),
      ).toEqual([['unknown', true]]);
    }
  });

  it('keeps a failure with the defaults a failure, as it is, whatever the other case says', () => {
    const failing = { ...finding('fail', 'Bad.'), assumptions: ['parameter Env uses its default value'] };
    expect(merge([run({ IsDev: false }, [failing]), run({ IsDev: true }, [finding('pass')])])).toEqual([
      failing,
    ]);
  });

  it('says where a deploy that overrides a default fails worse than the defaults, keeping their severity', () => {
    const atDefaults = { ...finding('fail', 'Bad.'), severity: 'medium' as const };
    const worse = { ...finding('fail', 'Worse.'), severity: 'critical' as const };
    expect(merge([run({ IsDev: false }, [atDefaults]), run({ IsDev: true }, [worse])])).toEqual([
      {
        ...atDefaults,
        message: 'Bad. When condition IsDev holds (Env=dev, not its default prod), it is critical: Worse.',
      },
    ]);
    // No worse: as it is.
    const milder = { ...finding('fail', 'Milder.'), severity: 'low' as const };
    expect(merge([run({ IsDev: false }, [atDefaults]), run({ IsDev: true }, [milder])])).toEqual([
      atDefaults,
    ]);
  });

  it('leaves alone what fails in no case', () => {
    expect(
      merge([run({ IsDev: false }, [finding('pass')]), run({ IsDev: true }, [finding('unknown')])]),
    ).toEqual([finding('pass')]);
  });

  it('reports nothing of what is absent with the defaults and fails nowhere', () => {
    expect(merge([run({ IsDev: false }, []), run({ IsDev: true }, [finding('unknown')])])).toEqual([]);
    expect(merge([run({ IsDev: false }, []), run({ IsDev: true }, [finding('pass')])])).toEqual([]);
  });

  it('merges the undecided conditions among the defaults cases as without them', () => {
    const undecided = new Map([['U', 'depends on parameter Tier']]);
    const merged = merge(
      [
        run({ U: true, IsDev: false }, [finding('fail', 'Bad.')]),
        run({ U: false, IsDev: false }, [finding('pass')]),
        run({ U: true, IsDev: true }, [finding('fail', 'Bad.')]),
        run({ U: false, IsDev: true }, [finding('fail', 'Bad.')]),
      ],
      undecided,
    );
    expect(merged.map((f) => [f.status, f.message])).toEqual([
      [
        'unknown',
        'When condition U holds: Bad. Condition U cannot be decided before deploy: it depends on parameter Tier.',
      ],
    ]);
  });

  it('names the undecided condition too where the failure needs both', () => {
    const undecided = new Map([['U', 'depends on parameter Tier']]);
    const merged = merge(
      [
        run({ U: true, IsDev: false }, [finding('pass')]),
        run({ U: false, IsDev: false }, [finding('pass')]),
        run({ U: true, IsDev: true }, [finding('fail', 'Bad.')]),
        run({ U: false, IsDev: true }, [finding('pass')]),
      ],
      undecided,
    );
    expect(merged.map((f) => f.message)).toEqual([
      'When condition U holds and condition IsDev holds (Env=dev, not its default prod): Bad. Condition U ' +
        "cannot be decided before deploy: it depends on parameter Tier. With the parameters' defaults " +
        'condition IsDev does not hold; a deploy may override them.',
    ]);
  });
});
