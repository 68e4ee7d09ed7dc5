/** The ANSI styles Parapet's terminal output uses (SGR codes). */
const CODES = {
  red: 31,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  gray: 90,
  bold: 1,
  dim: 2,
  green: 32,
} as const;
export type Style = keyof typeof CODES;
export type Paint = (style: Style, text: string) => string;

/** Paints text in a style when colour is on, and leaves it as it is when not. */
export function painter(color: boolean): Paint {
  return (style, text) => (color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
}
