import { own } from '../../../model/own.js';
import { FUNCTION_PROPERTIES } from './function-properties.js';
import { SUPPORTED_PROPERTIES } from './globals.js';

/**
 * Whether `key` is known to be a property of the SAM resource type `type`: any the function expansion knows, for a
 * function; for the other types, those their Globals section takes (a part of their properties only, so false says
 * not known, not "not a property").
 */
export function isKnownSamProperty(type: string, key: string): boolean {
  if (type === 'AWS::Serverless::Function') return FUNCTION_PROPERTIES.has(key);
  const section = own(SUPPORTED_PROPERTIES, type.replace(/^AWS::Serverless::/, ''));
  return section?.includes(key) ?? false;
}
