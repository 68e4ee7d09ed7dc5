import { describe, expect, it } from 'vitest';
import { wantsColor } from '../../src/cli/color.js';
import { parapet } from '../helpers/cli.js';

describe('wantsColor', () => {
  it('colours a terminal and nothing else by default', () => {
    expect(wantsColor(undefined, false, {}, true)).toBe(true);
    expect(wantsColor(undefined, false, {}, false)).toBe(false);
  });

  it('lets --color and --no-color decide over the environment', () => {
    expect(wantsColor(true, false, { NO_COLOR: '1' }, false)).toBe(true);
    expect(wantsColor(false, false, { FORCE_COLOR: '1' }, true)).toBe(false);
  });

  it('turns colour on with FORCE_COLOR, off with FORCE_COLOR=0 or false, over NO_COLOR', () => {
    expect(wantsColor(undefined, false, { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(wantsColor(undefined, false, { FORCE_COLOR: '' }, false)).toBe(true);
    expect(wantsColor(undefined, false, { FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true);
    expect(wantsColor(undefined, false, { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(wantsColor(undefined, false, { FORCE_COLOR: 'false' }, true)).toBe(false);
  });

  it('turns colour off with a non-empty NO_COLOR and with TERM=dumb', () => {
    expect(wantsColor(undefined, false, { NO_COLOR: '1' }, true)).toBe(false);
    expect(wantsColor(undefined, false, { NO_COLOR: '' }, true)).toBe(true);
    expect(wantsColor(undefined, false, { TERM: 'dumb' }, true)).toBe(false);
    expect(wantsColor(undefined, false, { TERM: 'xterm-256color' }, true)).toBe(true);
  });

  it('does not colour a report written to a file unless --color says so', () => {
    expect(wantsColor(undefined, true, { FORCE_COLOR: '1' }, true)).toBe(false);
    expect(wantsColor(true, true, {}, true)).toBe(true);
  });
});

describe('parapet scan colour', () => {
  const ESC = '\u001b[';
  it('writes escape codes to a pipe with FORCE_COLOR=1 or --color, and none without', () => {
    const scan = ['scan', 'examples/insecure-app'];
    expect(parapet(scan, undefined, { NO_COLOR: '', FORCE_COLOR: '1' }).stdout).toContain(ESC);
    expect(parapet([...scan, '--color']).stdout).toContain(ESC);
    expect(parapet(scan).stdout).not.toContain(ESC);
    expect(
      parapet([...scan, '--no-color'], undefined, { NO_COLOR: '', FORCE_COLOR: '1' }).stdout,
    ).not.toContain(ESC);
  });
});
