// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation `${...}` templates are the subject of these tests
import { actionMatchesPattern, expandIamActions } from '@cloud-copilot/iam-expand';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knownServices, serviceActions } from '../../src/iam/action-data.js';
import {
  accessLevelsOf,
  actionPatternMatches,
  closeAction,
  expandActionPattern,
  isFullWildcard,
  matchingActions,
  parseActionPattern,
  serviceWildcard,
  serviceWildcards,
} from '../../src/iam/actions.js';

describe('actionPatternMatches', () => {
  it('matches exact actions ignoring case, as IAM does', () => {
    expect(actionPatternMatches('s3:GetObject', 's3:GetObject')).toBe(true);
    expect(actionPatternMatches('S3:getobject', 's3:GetObject')).toBe(true);
    expect(actionPatternMatches('iam:passrole', 'iam:PassRole')).toBe(true);
    expect(actionPatternMatches('s3:GetObject', 's3:GetObjectAcl')).toBe(false);
  });

  it('expands * and ? wildcards', () => {
    expect(actionPatternMatches('*', 'iam:PassRole')).toBe(true);
    expect(actionPatternMatches('iam:*', 'IAM:PassRole')).toBe(true);
    expect(actionPatternMatches('iam:Pass*', 'iam:PassRole')).toBe(true);
    expect(actionPatternMatches('s3:Put*', 's3:GetObject')).toBe(false);
    expect(actionPatternMatches('s3:?etObject', 's3:GetObject')).toBe(true);
    expect(actionPatternMatches('s3:?etObject', 's3:GetObjectAcl')).toBe(false);
    expect(actionPatternMatches('dynamodb:*Item', 'dynamodb:PutItem')).toBe(true);
  });

  it('treats regular-expression characters literally', () => {
    expect(actionPatternMatches('s3:Get.bject', 's3:GetObject')).toBe(false);
    expect(actionPatternMatches('s3:(Get)Object', 's3:GetObject')).toBe(false);
  });

  it('agrees with iam-expand on generated patterns', () => {
    const part = fc.stringMatching(/^[A-Za-z*?]{1,8}$/);
    fc.assert(
      fc.property(part, part, (service, action) => {
        const pattern = `${service}:${action}`;
        for (const known of ['s3:GetObject', 'iam:PassRole', 'sqs:SendMessage', 'lambda:InvokeFunction']) {
          expect(actionPatternMatches(pattern, known)).toBe(actionMatchesPattern(known, pattern));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('wildcard shapes', () => {
  it('recognises every-action wildcards', () => {
    expect(isFullWildcard('*')).toBe(true);
    expect(isFullWildcard('**')).toBe(true);
    expect(isFullWildcard('*:*')).toBe(true);
    expect(isFullWildcard('s3:*')).toBe(false);
    expect(isFullWildcard('*:Get*')).toBe(false);
  });

  it('names the service of a service-wide wildcard', () => {
    expect(serviceWildcard('s3:*')).toBe('s3');
    expect(serviceWildcard('DynamoDB:*')).toBe('dynamodb');
    expect(serviceWildcard('iam:**')).toBe('iam');
    expect(serviceWildcard('s3:Put*')).toBeUndefined();
    expect(serviceWildcard('*')).toBeUndefined();
  });

  it('names each service of the catalog that a wildcard service prefix matches (`i?m:*` is iam:*)', () => {
    expect(serviceWildcards('i?m:*')).toEqual(['iam']);
    expect(serviceWildcards('IA*:?*')).toEqual(['iam']);
    expect(serviceWildcards('s?:*')).toEqual(['s3']);
    expect(serviceWildcards('sq?:*')).toEqual(['sqs']);
    expect(serviceWildcards('s3:*')).toEqual(['s3']);
    expect(serviceWildcards('s*:*')).toContain('secretsmanager');
    // Every action, short of a whole service, or no service the catalog knows: none.
    for (const none of ['*', '*:*', '?*:*', 'i?m:Get*', 'i?m:???', 'zz?:*', 's3:Put*'])
      expect(serviceWildcards(none), none).toEqual([]);
  });

  it('reads `*` and `?` alone, with a `*`, as every action name there is (three characters or more)', () => {
    // IAM reads `?` as one character: `?*` is any name of one or more, every action's, as `*` is.
    for (const every of ['?*', '*?', '*:?*', '?*:*', '?*:???*', '**:*?'])
      expect(isFullWildcard(every), every).toBe(true);
    for (const some of ['???', '?*:????*', '*:Get?*', 's3:?*', '?:*'])
      expect(isFullWildcard(some), some).toBe(false);
    expect(serviceWildcard('iam:?*')).toBe('iam');
    expect(serviceWildcard('S3:*?')).toBe('s3');
    expect(serviceWildcard('s3:???*')).toBe('s3');
    // Four `?` leave out the names of three (apigateway:GET); `?` alone, the names of that length; a prefix, the rest.
    expect(serviceWildcard('apigateway:????*')).toBeUndefined();
    expect(serviceWildcard('iam:???')).toBeUndefined();
    expect(serviceWildcard('s3:Get?*')).toBeUndefined();
    expect(parseActionPattern('?*')).toEqual({ service: '*', action: '*' });
    expect(expandActionPattern('iam:?*')).toEqual(expandActionPattern('iam:*'));
  });

  it('knows no action name shorter than three characters, as isFullWildcard and serviceWildcard assume', () => {
    const names = knownServices().flatMap((service) =>
      [...(serviceActions(service)?.values() ?? [])].map((action) => action.name.split(':')[1] as string),
    );
    expect(Math.min(...names.map((name) => name.length))).toBe(3);
    expect(Math.min(...knownServices().map((service) => service.length))).toBeGreaterThanOrEqual(1);
  });

  it('parses service:action and rejects malformed actions', () => {
    expect(parseActionPattern('S3:GetObject')).toEqual({ service: 's3', action: 'GetObject' });
    expect(parseActionPattern('*')).toEqual({ service: '*', action: '*' });
    expect(parseActionPattern('s3GetObject')).toBeUndefined();
    expect(parseActionPattern('s3:Get:Object')).toBeUndefined();
  });
});

describe('expandActionPattern', () => {
  it('returns the catalog names, whatever the case of the pattern', () => {
    expect(expandActionPattern('iam:passrole')).toEqual(['iam:PassRole']);
    expect(expandActionPattern('iam:Pass*')).toEqual(['iam:PassRole']);
  });

  it.each(['s3:Put*', 'dynamodb:*Item', 'iam:*Policy', 'lambda:?nvoke*', 'ec2:Describe*', 'sqs:*'])(
    'expands %s exactly as iam-expand does',
    async (pattern) => {
      const expected = await expandIamActions(pattern);
      expect(expandActionPattern(pattern)).toEqual([...expected].sort());
    },
  );

  it('expands wildcards in the service prefix', () => {
    const names = expandActionPattern('s3*:GetObject');
    expect(names).toContain('s3:GetObject');
    expect(names.every((name) => name.startsWith('s3'))).toBe(true);
  });

  it('knows nothing of unknown services and malformed patterns', () => {
    expect(matchingActions('notaservice:Get*')).toBe('unknown-service');
    expect(matchingActions('s3GetObject')).toBe('invalid');
    expect(expandActionPattern('notaservice:Get*')).toEqual([]);
  });
});

describe('matchingActions', () => {
  const catalog = knownServices().flatMap((service) =>
    [...(serviceActions(service)?.values() ?? [])].map((action) => action.name),
  );

  it('holds names of one `:` between ASCII letters, digits and `-`, as matchingActions assumes', () => {
    // Lower case folds such names as a regex's `i` flag does; the Kelvin sign, for one, it folds to `k`.
    expect(catalog.filter((name) => !/^[a-z0-9-]+:[A-Za-z0-9-]+$/.test(name))).toEqual([]);
  });

  // A pattern with one `*`, at its end, is matched by comparing its prefix; any other by its wildcards. Each must
  // grant what matching the pattern against every action of the catalog grants, in every case IAM ignores.
  it.each([
    's3:Get*',
    'S3:gEtObJeCt*',
    'ec2:describe*',
    'EC2:DESCRIBE*',
    'iam:*',
    'IAM:*',
    'iam:PassRole*',
    'iam:PassRoleX*',
    'apigateway:G*',
    's3:Get.*',
    's3:(Get)*',
    's3:?et*',
    's3:Get?bject*',
    's3:Get*Acl',
    'dynamodb:*Item',
    'lambda:*Function*',
    '*',
    '*:Get*',
    's?:Get*',
    'S3*:GetObject*',
    '*:*',
    // Not ASCII: a regex's `i` flag does not fold the Kelvin sign to `k`, as lower-casing does.
    'kms:Get\u212Aey*',
    's3:Get\u017F*',
    '\u212Ams:Get*',
  ])('grants for %s what matching every catalog action against it grants', (pattern) => {
    const expected = catalog.filter((name) => actionPatternMatches(pattern, name)).sort();
    const found = matchingActions(pattern);
    // A service prefix of no catalog service (`\u212Ams`) is `unknown-service`: no action either way.
    expect(typeof found === 'string' ? [] : found.map((action) => action.name).sort()).toEqual(expected);
  });
});

describe('matchingActions folding case as its wildcard match does', () => {
  const catalog = knownServices().flatMap((service) =>
    [...(serviceActions(service)?.values() ?? [])].map((action) => action.name),
  );
  const names = (found: ReturnType<typeof matchingActions>) =>
    typeof found === 'string' ? [] : found.map((action) => action.name).sort();
  /** The catalog's names a regex of the pattern matches with the `i` flag (and no `u`), as IAM ignores case. */
  const byRegex = (pattern: string) => {
    const body = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) =>
      c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`,
    );
    const regex = new RegExp(`^${body}$`, 'i');
    return catalog.filter((name) => regex.test(name)).sort();
  };

  it('grants nothing for a Kelvin sign where a `k` is, whichever spelling it met first', () => {
    // Lower case folds the Kelvin sign (U+212A) to `k`; a regex's `i` flag does not: the pattern's spellings that
    // lower to one text must not share an answer.
    expect(names(matchingActions('kms:getkey*'))).toContain('kms:GetKeyPolicy');
    expect(matchingActions('kms:Get\u212Aey*')).toEqual([]);
    expect(names(matchingActions('kms:getkeypolicy'))).toEqual(['kms:GetKeyPolicy']);
    expect(matchingActions('kms:Get\u212AeyPolicy')).toEqual([]);
    expect(matchingActions('\u212Ams:GetKeyPolicy')).toBe('unknown-service');
    expect(matchingActions('\u212Ams:Get*')).toBe('unknown-service');
    expect(actionPatternMatches('kms:Get\u212AeyPolicy', 'kms:GetKeyPolicy')).toBe(false);
  });

  it('grants what a regex of the pattern matches, after a spelling in other case was answered', () => {
    const action = fc.constantFrom(...catalog);
    // Per character of the name: as written, in the other case, the Kelvin sign for a `k`, `?`; then maybe cut
    // short by a `*`.
    const edits = fc.array(fc.constantFrom('same', 'swap', 'kelvin', 'one'), {
      minLength: 60,
      maxLength: 60,
    });
    const spelled = (name: string, how: readonly string[]) =>
      [...name]
        .map((c, i) => {
          const edit = c === ':' ? 'same' : how[i];
          if (edit === 'swap') return c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
          if (edit === 'kelvin' && (c === 'k' || c === 'K')) return '\u212A';
          return edit === 'one' ? '?' : c;
        })
        .join('');
    fc.assert(
      fc.property(action, edits, fc.nat(40), (name, how, cut) => {
        const whole = spelled(name, how);
        const pattern = cut < whole.length && cut > whole.indexOf(':') ? `${whole.slice(0, cut)}*` : whole;
        // The spelling in lower case first, so that a cache keyed by it answers for the pattern if it may.
        matchingActions(pattern.toLowerCase());
        expect(names(matchingActions(pattern))).toEqual(byRegex(pattern));
      }),
      { numRuns: 300 },
    );
  });
});

describe('accessLevelsOf', () => {
  it('classifies single actions', () => {
    expect(accessLevelsOf('s3:GetObject')).toEqual(new Set(['Read']));
    expect(accessLevelsOf('s3:ListBucket')).toEqual(new Set(['List']));
    expect(accessLevelsOf('dynamodb:PutItem')).toEqual(new Set(['Write']));
    expect(accessLevelsOf('IAM:PUTROLEPOLICY')).toContain('Permissions management');
    expect(accessLevelsOf('lambda:AddPermission')).toContain('Permissions management');
    expect(accessLevelsOf('s3:PutObjectTagging')).toContain('Tagging');
  });

  it('unions the levels of the actions a wildcard grants', () => {
    const puts = accessLevelsOf('s3:Put*');
    expect(puts).toBeInstanceOf(Set);
    expect(puts).toContain('Write');
    expect(puts).toContain('Permissions management'); // s3:PutBucketPolicy
    expect(accessLevelsOf('s3:Get*')).not.toContain('Write');
    expect(accessLevelsOf('*')).toEqual(
      new Set(['List', 'Read', 'Write', 'Permissions management', 'Tagging']),
    );
  });

  it('says when the catalog cannot tell', () => {
    expect(accessLevelsOf('notaservice:DoThing')).toBe('unknown-service');
    expect(accessLevelsOf('s3:GetObjekt')).toBe('unknown-action');
    expect(accessLevelsOf('s3GetObject')).toBe('unknown-action');
  });
});

describe('closeAction', () => {
  it('names the catalog action a misspelt name meant, in its service or a close one, whatever the case', () => {
    expect(closeAction('iam:CreateAcountAlias')).toBe('iam:CreateAccountAlias');
    expect(closeAction('IAM:createacountalias')).toBe('iam:CreateAccountAlias');
    expect(closeAction('lambda:InvokeFuntion')).toBe('lambda:InvokeFunction');
    expect(closeAction('dynamdb:PutItem')).toBe('dynamodb:PutItem');
  });

  it('names none for a known action, a pattern, a name far from every action, or an unknown service', () => {
    expect(closeAction('iam:CreateAccountAlias')).toBeUndefined();
    expect(closeAction('s3:Put*')).toBeUndefined();
    expect(closeAction('s3:PutBucketWhatever')).toBeUndefined();
    expect(closeAction('nosuchservice:DoThing')).toBeUndefined();
    expect(closeAction('not-an-action')).toBeUndefined();
  });
});
