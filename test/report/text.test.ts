import { describe, expect, it } from 'vitest';
import { toText } from '../../src/report/text.js';
import { samUrlFinding, scanResult } from '../fixtures/sarif/inputs.js';

const lastLines = (text: string, n: number) => text.trimEnd().split('\n').slice(-n);

describe('text report: config and check counts', () => {
  it('says which parapet.yaml was used', () => {
    const text = toText(scanResult({ config: 'app/parapet.yaml' }), { color: false });
    expect(lastLines(text, 2)[0]).toBe('config: app/parapet.yaml');
  });

  it('says when none was', () => {
    const text = toText(scanResult(), { color: false });
    expect(lastLines(text, 2)[0]).toBe(
      'config: none (no parapet.yaml in the working directory, in a scanned folder or beside a scanned file)',
    );
  });

  it('counts the checks run out of all, saying why the rest did not run', () => {
    const summary = (run: number, offByDefault: number) =>
      lastLines(
        toText(scanResult({ checksRun: run }), {
          color: false,
          checksAvailable: { total: 31, offByDefault },
        }),
        1,
      )[0];
    expect(summary(30, 1)).toContain(', 30 of 31 checks (1 off by default) · ');
    expect(summary(31, 0)).toContain(', 31 checks · ');
    expect(summary(3, 1)).toContain(', 3 of 31 checks (1 off by default, 27 skipped) · ');
    expect(summary(29, 0)).toContain(', 29 of 31 checks (2 skipped) · ');
  });

  it('counts the checks run alone when it is not told how many there are', () => {
    expect(lastLines(toText(scanResult({ checksRun: 6 }), { color: false }), 1)[0]).toContain(
      ', 6 checks · ',
    );
  });
});

describe('text report: assumptions', () => {
  const absent =
    'is deployed only when condition IsProd holds, which is false with the parameters’ defaults (Env=dev)';
  const finding = (message: string) =>
    toText(
      scanResult({
        findings: [
          {
            ...samUrlFinding,
            status: 'unknown',
            message,
            assumptions: [
              'parameter Env uses its default value, which a deploy may override',
              `the resource ${absent}`,
            ],
          },
        ],
      }),
      { color: false },
    );

  it('lists each assumption', () => {
    const text = finding('FunctionUrlConfig.AuthType is NONE');
    expect(text).toContain(
      '      assumes parameter Env uses its default value, which a deploy may override\n',
    );
    expect(text).toContain(`      assumes the resource ${absent}\n`);
  });

  it('does not say again what the message ends with', () => {
    const text = finding(`FunctionUrlConfig.AuthType is NONE; but the resource ${absent}`);
    expect(text).toContain(
      '      assumes parameter Env uses its default value, which a deploy may override\n',
    );
    expect(text).not.toContain(`assumes the resource ${absent}`);
  });
});

describe('text report: many parameter defaults', () => {
  it('names three and counts the rest on one line, keeping the other assumptions', () => {
    const defaults = ['DdSite', 'DdTags', 'DdLogLevel', 'DdFetchLogs', 'DdTraceEnabled'].map(
      (p) => `parameter ${p} uses its default value, which a deploy may override`,
    );
    const text = toText(
      scanResult({
        findings: [
          {
            ...samUrlFinding,
            assumptions: [...defaults, 'the resource exists only when condition IsProd holds'],
          },
        ],
      }),
      { color: false },
    );
    expect(text.split('\n').filter((line) => line.includes('assumes'))).toEqual([
      '      assumes the defaults of parameters DdSite, DdTags, DdLogLevel and 2 more, which a deploy may override (JSON lists them all)',
      '      assumes the resource exists only when condition IsProd holds',
    ]);
  });
});

describe('text report: group counts', () => {
  it('count open findings as the summary does, and the suppressed ones shown apart', () => {
    const suppressed = { reason: 'accepted', by: 'inline' as const };
    const text = toText(
      scanResult({
        findings: [samUrlFinding, { ...samUrlFinding, fingerprint: 'c3'.repeat(16), suppressed }],
      }),
      { color: false, showSuppressed: true },
    );
    expect(text.split('\n')[0]).toBe('CRITICAL (1, and 1 suppressed)');
    expect(lastLines(text, 1)[0]).toMatch(/^1 failed \(1 critical\) · 0 unknown · 1 suppressed/);
    expect(toText(scanResult({ findings: [samUrlFinding] }), { color: false }).split('\n')[0]).toBe(
      'CRITICAL (1)',
    );
  });
});

describe('text report: warnings', () => {
  it('are listed under a heading of their own, after the scan errors', () => {
    const text = toText(scanResult({ findings: [], warnings: ['one', 'two'] }), { color: false });
    const lines = text.split('\n');
    const at = lines.indexOf('WARNINGS (2): the scan went on; read these');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines.slice(at + 1, at + 3)).toEqual(['  warning one', '  warning two']);
  });
});

describe('text report: what a finding on the resource the user wrote is really about', () => {
  const placeLine = (generated: { id: string; type: string }) =>
    toText(
      scanResult({ findings: [{ ...samUrlFinding, resource: { ...samUrlFinding.resource, generated } }] }),
      {
        color: false,
      },
    )
      .split('\n')
      .find((line) => line.includes('app/template.yaml:12:7'));

  it('names a resource SAM generates, with its type', () => {
    expect(placeLine({ id: 'ApiFunctionUrl', type: 'AWS::Lambda::Url' })).toBe(
      '      app/template.yaml:12:7 · generated resource ApiFunctionUrl (AWS::Lambda::Url)',
    );
  });

  it('names a route as a route: no resource stands for it, whether a SAM event or a definition declares it', () => {
    expect(placeLine({ id: 'Api GET /items', type: 'Parapet::ApiGateway::Route' })).toBe(
      '      app/template.yaml:12:7 · route Api GET /items',
    );
  });
});
