/**
 * Why a file may not parse, when the parser's own words do not say: a Jinja or cookiecutter template, a build
 * placeholder, a quote left open lines before where the parser gave up.
 */

/** A cookiecutter tag: a project starter, not a template until rendered. */
export const COOKIECUTTER_TAG = /\{\{\s*cookiecutter\./;

/**
 * A `%name%` token where a value starts (after `key: `, `- `, `[`, `{` or `,`): YAML cannot start a plain value with
 * `%` (a directive's indicator), so the parser stops there. Any name, `%DIST_BUCKET_NAME%` as `%codeUriBucket%`.
 */
const BUILD_PLACEHOLDER = /(?:^\s*(?:-\s+)?|:\s+|[[{,]\s*)(%[A-Za-z_][\w.-]*%)/;

/** ` (…)`, to put after a parse error's message; '' when there is nothing to add. */
export function parseHint(text: string, line?: number): string {
  if (/\{%-?\s/.test(text) || COOKIECUTTER_TAG.test(text))
    return ' (the file holds {% %} or {{ cookiecutter }} tags: it is a Jinja template; render it, then scan the result)';
  if (line === undefined) return '';
  // AWS Solutions and other build scripts replace `%DIST_BUCKET_NAME%`-like tokens, which YAML cannot start a value with.
  const placeholder = BUILD_PLACEHOLDER.exec(lineAt(text, line))?.[1];
  if (placeholder !== undefined)
    return ` (the line holds ${placeholder}, a placeholder a build step replaces: scan the template the build makes)`;
  const open = lastOpenQuote(text, line);
  return open === undefined
    ? ''
    : ` (a quoted value opened at line ${open.line}, column ${open.column} is not closed on its line: YAML reads on to the next quote)`;
}

/** Line `line` (1-based) of `text`. */
function lineAt(text: string, line: number): string {
  let start = 0;
  for (let n = 1; n < line && start >= 0; n++) start = text.indexOf('\n', start) + 1 || -1;
  if (start < 0) return '';
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end);
}

/** How many lines above a parse error an unclosed quote is looked for. */
const NEAR = 20;

/** A value that starts with a quote: after `key: `, `- `, or at the start of the line. */
const QUOTED_VALUE = /^(\s*(?:-\s+)?(?:[^\s#'"][^#'"]*?:\s+)?)(['"])/;

/**
 * The last line before `before` whose value opens a quote it does not close (a YAML quoted scalar may go on to
 * the next lines, which is how a stray quote swallows the lines after it and the parser fails further down).
 */
function lastOpenQuote(text: string, before: number): { line: number; column: number } | undefined {
  const lines = text.split('\n', before);
  // Near the error only: a quoted value written over several lines far above it is most likely meant so.
  for (let n = Math.min(before, lines.length) - 1; n >= Math.max(1, before - NEAR); n--) {
    const match = QUOTED_VALUE.exec(lines[n - 1] as string);
    if (!match) continue;
    const start = (match[1] as string).length;
    if (!closes(lines[n - 1] as string, start, match[2] as string)) return { line: n, column: start + 1 };
  }
  return undefined;
}

/** Whether the quote at `start` is closed later on the line (`''` in single quotes, `\"` in double ones escape). */
function closes(line: string, start: number, quote: string): boolean {
  for (let i = start + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') {
      i++;
      continue;
    }
    if (line[i] !== quote) continue;
    if (quote === "'" && line[i + 1] === "'") {
      i++;
      continue;
    }
    return true;
  }
  return false;
}
