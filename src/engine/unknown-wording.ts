import { INVALID_REASON } from '../model/values.js';

const INVALID_IN_PARENS = `(${INVALID_REASON}`;
const NOT_KNOWN_BUT_INVALID = new RegExp(` is not known before deploy \\(${INVALID_REASON}`, 'g');
const NOT_KNOWN_BUT_INVALID_PLURAL = new RegExp(` are not known before deploy \\(${INVALID_REASON}`, 'g');

/**
 * The one place that words an Unknown a check reports. Checks write "Runtime is not known before deploy
 * (<reason>)"; a value that is known but invalid (a list where text goes: a template error) is not a
 * value deploy will tell, so it reads "Runtime is not a valid value (a list where text is expected; see
 * the scan error)"; "the routes of T are not known before deploy (<reason>)" reads "are not valid values (...)".
 * Other messages pass as they are.
 */
export function wordedUnknown(message: string): string {
  if (!message.includes(INVALID_IN_PARENS)) return message;
  return message
    .replace(NOT_KNOWN_BUT_INVALID, ' is not a valid value (')
    .replace(NOT_KNOWN_BUT_INVALID_PLURAL, ' are not valid values (');
}
