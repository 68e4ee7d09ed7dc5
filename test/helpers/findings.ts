import type { Finding } from '../../src/findings/finding.js';

/** A finding of check `c` on function R, as the engine's case merging sees it: only status and message vary. */
export function caseFinding(
  status: Finding['status'],
  message = `${status} message.`,
  fingerprint = 'fp',
): Finding {
  return {
    checkId: 'c',
    title: 't',
    severity: 'high',
    status,
    message,
    resource: { id: 'R', kind: 'lambda.function', type: 'AWS::Lambda::Function' },
    location: { file: 'template.yaml', line: 1, column: 1 },
    fingerprint,
  };
}
