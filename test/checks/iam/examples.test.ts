import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IAM_CHECKS } from '../../../src/checks/iam/index.js';
import { scanTemplate } from '../../helpers/scan-template.js';

const example = (name: string) =>
  readFileSync(resolve(import.meta.dirname, '../../../examples', name, 'template.yaml'), 'utf8');

describe('IAM checks on the example apps', () => {
  it('report nothing on the secure app, not even unknown', () => {
    const { failed, unknown, passed, errors } = scanTemplate(example('secure-app'), IAM_CHECKS);
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    expect(unknown).toEqual([]);
    expect(passed).toHaveLength(IAM_CHECKS.length);
  });

  it('find the planted IAM problems of the insecure app, each once', () => {
    const { failed, unknown } = scanTemplate(example('insecure-app'), IAM_CHECKS);
    expect(unknown).toEqual([]);
    expect(failed.map((f) => [f.checkId, f.resource.id, f.severity])).toEqual([
      ['iam.role-shared-by-functions', 'SharedRole', 'medium'],
      ['iam.role-wildcard-action', 'WebhookFunction', 'critical'],
      ['iam.role-wildcard-resource-write', 'WebhookFunction', 'high'],
      ['iam.role-admin-managed-policy', 'SharedRole', 'high'],
      ['iam.role-passrole-wildcard', 'WebhookFunction', 'high'],
      ['iam.role-passrole-wildcard', 'SharedRole', 'high'],
      ['iam.role-trust-beyond-lambda', 'SharedRole', 'medium'],
    ]);
  });
});
