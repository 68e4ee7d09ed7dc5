import { asRecord } from './intrinsic-values.js';

/** The transform that brings Fn::ForEach, Fn::Length and Fn::ToJsonString. */
export const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

/** The transforms a template lists, by name (the mapping form `{ Name: ..., Parameters: ... }` too). */
export function transformNames(transform: unknown): string[] {
  const list = Array.isArray(transform) ? transform : transform === undefined ? [] : [transform];
  return list.map((item) => (typeof item === 'string' ? item : String(asRecord(item)?.Name ?? '')));
}
