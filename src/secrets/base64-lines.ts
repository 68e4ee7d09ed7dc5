/** Base64 wrapped in lines, as PEM bodies and `openssl base64` write it, read joined. */

/**
 * Lines of base64 and what joins them: a line break, or spaces and tabs where the line breaks of a wrapped body were
 * turned into spaces (a value pasted on one line). Only after a whole line (PEM wraps at 64 digits, MIME at 76) does
 * a space join, so that a word after a key's last, shorter line is not read as more of it.
 */
const BASE64_LINES =
  /[A-Za-z0-9+/]+(?:(?:(?:\r?\n|\\n)[ \t]*|(?<=[A-Za-z0-9+/]{64})[ \t]+)[A-Za-z0-9+/]+)*={0,2}/y;

/**
 * Base64 wrapped in lines from `start` on, joined (line breaks, also written out as `\n`, and the indentation after
 * them left out), and where it ends in `value`. Undefined when the base64 at `start` runs on no further line.
 */
export function base64LinesFrom(value: string, start: number): { joined: string; end: number } | undefined {
  BASE64_LINES.lastIndex = start;
  const run = BASE64_LINES.exec(value)?.[0];
  if (run === undefined) return undefined;
  const joined = run.replace(/(?:\r?\n|\\n)[ \t]*|[ \t]+/g, '');
  return joined === run ? undefined : { joined, end: start + run.length };
}

/** `text` joined, where the whole of it is base64 wrapped in lines; undefined where it is anything else. */
export function joinedBase64Lines(text: string): string | undefined {
  const lines = base64LinesFrom(text, 0);
  return lines?.end === text.length ? lines.joined : undefined;
}
