/**
 * Whether the terminal report is coloured, by the conventions CI systems and terminals set:
 * `--color` / `--no-color` decide; else `FORCE_COLOR` (`0` or `false` turns colour off, any other value
 * on: CI logs that render colour set it), then `NO_COLOR` (https://no-color.org: any non-empty value),
 * then `TERM=dumb`, then whether stdout is a terminal. Node reads these the same way, in the same order.
 * A report written to a file (`-o`) is coloured only with `--color`.
 */
export function wantsColor(
  flag: boolean | undefined,
  toFile: boolean,
  env: NodeJS.ProcessEnv,
  isTerminal: boolean,
): boolean {
  if (flag !== undefined) return flag;
  if (toFile) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return isTerminal;
}
