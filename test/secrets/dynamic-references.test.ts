import { describe, expect, it } from 'vitest';
import { secretsManagerReference, takesSecretMaterial } from '../../src/secrets/dynamic-references.js';

describe('secretsManagerReference', () => {
  it('reads the secret id and JSON key, a full ARN and !Sub placeholders kept whole', () => {
    expect(secretsManagerReference('{{resolve:secretsmanager:MySecret}}')).toEqual({ secretId: 'MySecret' });
    expect(secretsManagerReference('{{resolve:secretsmanager:db:SecretString:password}}')).toEqual({
      secretId: 'db',
      jsonKey: 'password',
    });
    expect(
      secretsManagerReference(
        '{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:1:secret:x:SecretString:k}}',
      ),
    ).toEqual({ secretId: 'arn:aws:secretsmanager:us-east-1:1:secret:x', jsonKey: 'k' });
    expect(
      secretsManagerReference('{{resolve:secretsmanager:${AWS::StackName}-db:SecretString:password}}'),
    ).toEqual({ secretId: '${AWS::StackName}-db', jsonKey: 'password' });
    expect(secretsManagerReference('{{resolve:secretsmanager:${Db}::password}}')).toEqual({
      secretId: '${Db}',
      jsonKey: 'password',
    });
    expect(secretsManagerReference('{{resolve:secretsmanager:${Db}}}')).toEqual({ secretId: '${Db}' });
  });

  it('finds none in other text, an SSM reference included', () => {
    expect(secretsManagerReference('arn:aws:secretsmanager:us-east-1:1:secret:x')).toBeUndefined();
    expect(secretsManagerReference('{{resolve:ssm:/app/db-host}}')).toBeUndefined();
  });
});

describe('takesSecretMaterial', () => {
  it('is the whole secret, or a key or variable named like a secret', () => {
    expect(takesSecretMaterial({ secretId: 'db' }, 'DB')).toBe(true);
    expect(takesSecretMaterial({ secretId: 'db', jsonKey: 'password' }, 'DB')).toBe(true);
    expect(takesSecretMaterial({ secretId: 'db', jsonKey: 'host' }, 'DB_PASSWORD')).toBe(true);
    expect(takesSecretMaterial({ secretId: 'db', jsonKey: 'host' }, 'DB_HOST')).toBe(false);
    expect(takesSecretMaterial({ secretId: 'db', jsonKey: 'username' }, 'DB_USER')).toBe(false);
  });
});
