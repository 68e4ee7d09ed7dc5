/**
 * A mistake on the command line that commander cannot word without echoing the value given (a `-p` value
 * may be a password): main.ts prints the message and the hint, and exits 2 like every usage error.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help the hint points at. */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** The one line after a usage error (instead of the whole help page, which pushes the error off screen). */
export function helpHint(command?: string): string {
  return `(run \`parapet ${command === undefined ? '' : `${command} `}--help\` for usage)`;
}

/** Commander's `error: ...` worded like Parapet's own messages: `parapet: ...`. */
export function asParapetMessage(text: string): string {
  return text.replace(/^error: /, 'parapet: ');
}
