import { replacePlaceholders } from './values.js';

/**
 * The service field of an ARN (`sns` of `arn:aws:sns:us-east-1:*:t`, `arn:partition:service:region:account:resource`)
 * when it is literal text; undefined where the text is no ARN, or the field is empty, holds a wildcard or is (or
 * holds) a `${...}` placeholder. A placeholder's colons (`${AWS::Partition}`) are not the ARN's.
 */
export function arnService(text: string): string | undefined {
  const service = /^arn:[^:]*:([^:]*):/.exec(replacePlaceholders(text, '$'))?.[1];
  return service === undefined || service === '' || /[*?$]/.test(service) ? undefined : service;
}
