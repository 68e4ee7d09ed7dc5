import { writtenDynamicReferences } from '../../model/dynamic-references.js';
import { isUnknown, shapeOf } from '../../model/values.js';
import {
  secretsManagerInSlot,
  secretsManagerReference,
  takesSecretMaterial,
} from '../../secrets/dynamic-references.js';
import { defineCheck, type Outcome } from '../define.js';
import { resolvedSecretFinding, secretAttributeFinding } from './env-secret-deploy-findings.js';
import { literalSecretFinding } from './env-secret-literal.js';
import { unknownValueFinding } from './env-secret-unknown.js';
import { environmentOf } from './environment.js';

export default defineCheck({
  id: 'lambda.env-plaintext-secret',
  title: 'Lambda environment variable holds a plaintext secret',
  severity: 'high',
  resource: 'lambda.function',
  description:
    'Looks at every environment variable whose value is written in the template (a literal, or the ' +
    'default of a parameter) or given with `-p` for a secret: provider tokens and keys, private keys, ' +
    'passwords in URLs, long random-looking strings, and the values of variables (or parameters) named ' +
    'like PASSWORD, SECRET, TOKEN or API_KEY, short and common ones included (`hunter2`, `changeme`: weak ' +
    'passwords once deployed), also as fields of a JSON object or a `key=value;` connection string in the ' +
    'value (`{"user":"admin","password":"…"}` fails naming its "password" field; an Azure Storage ' +
    "connection string's `AccountKey` and `SharedAccessSignature` are such fields too, and a quoted value is " +
    'read whole, a `;` in it included). A secret passed as a ' +
    'parameter is a finding too: it still lands in plaintext in the function configuration, and the ' +
    'finding names the parameter and says whether its default or a `-p` value was used.',
  details:
    'A token-like value, `token-`, `secret-` or `sk-` and 32 hex digits or more, fails (medium): hex alone ' +
    'reads as a digest, after such a prefix as a credential. ' +
    'A connection-string value in braces, as ODBC writes them (`Pwd={p@ss;word}`), is read whole too. Keys a ' +
    "vendor publishes for everyone's use, such as AWS's documentation keys (`AKIAIOSFODNN7EXAMPLE`) and the " +
    "Azurite storage emulator's well-known account key, are not secrets, whatever name they are stored under. " +
    'A value built with `!Sub` or `!Join` around parts not known before deploy is read for the provider ' +
    'tokens, keys and URL passwords written in its literal text ' +
    '(`postgresql://app:Pa55w0rd@${Db.Endpoint.Address}`), and for the JSON or connection-string fields ' +
    'named like secrets written there; a part not known (`app:${DbPassword}@`, ' +
    '`"password":"${DbPassword}"`) is no literal secret. A `NoEcho` parameter in a variable whose name, ' +
    "or the parameter's, is named like a secret, or put in a URL's password or a JSON or " +
    'connection-string field named like a secret, fails whatever its value: the template writes the value ' +
    'its author marked secret into the function configuration (high when its default is used, medium when ' +
    'it is given at deploy or with `-p`). Its value is never read (what a check made of it could tell ' +
    'it), here or from a parent stack: it is judged so, by names and place. A parameter without NoEcho ' +
    'given only at deploy, in such a variable or slot, is `unknown` (medium): whether its value is a ' +
    'secret rests on a name, and if it is, CloudFormation shows it too (DescribeStacks); a parameter ' +
    'named as a pointer (`DbPasswordSecretArn`, `DbPasswordSsmParameter`) is skipped; a last `Parameter` or ' +
    '`Param` alone is a naming style (`GitHubClientSecretParameter` is judged as `GitHubClientSecret`), unless ' +
    'the variable is named as a pointer (`WEBHOOK_URL_PARAM`). A JWT signing key may name its algorithm ' +
    '(`JWT_RS256_KEY`). A webhook or its URL (`SLACK_WEBHOOK`, ' +
    '`WEBHOOK_URL`, `WebhookURL`; not `WEBHOOK_ID` or `WEBHOOK_CHANNEL`) is named like a secret: an incoming ' +
    "webhook's URL (Slack, Discord, Teams) carries the token that posts with it. A vendor's write, ingest, insert or " +
    'license key (`HONEYCOMB_WRITE_KEY`, `NEW_RELIC_INGEST_KEY`; not `WRITE_KEY_PREFIX`) is named like an API key: ' +
    "it is the credential a client sends data to the vendor with; a write or insert key only after the vendor's name, " +
    'as a cache or table names its keys so too (`CACHE_WRITE_KEY`, `DDB_INSERT_KEY`). Values that point at a secret (Secrets ' +
    'Manager or SSM names and ARNs, parameter names, paths, such a name after the service word that a loader reading ' +
    "it at run time takes (`ssm:/prod/db/password`, Bref's `bref-ssm:`, `secretsmanager:`; a random-looking name " +
    'there is judged as any value), `!GetAtt` / `!Ref` of a resource (not of a custom resource: what its provider ' +
    'returns at deploy, its physical id or an attribute, is `unknown` (medium) in a variable named as a secret or in a ' +
    "URL's password, as a parameter given at deploy is), a name in a " +
    'variable named `<secret>_SECRET` such as `LICENSE_KEY_SECRET: nr-license-key`), identifiers (`*_ID`: ' +
    'a Cognito app client id), base64 of a file (PNG, JPEG, GIF, PDF, ZIP, gzip), tokens issued to be ' +
    'public (Stripe publishable keys `pk_live_`/`pk_test_`, Mapbox public tokens `pk.`) unless the name ' +
    'says the value is secret (`STRIPE_SECRET_KEY`, a password or private key name), public keys and ' +
    'certificates, made to be shared (PEM `PUBLIC KEY` and `CERTIFICATE` blocks, as far as they go: text ' +
    'written beside them is judged on its own, however long the chain, so a password after a certificate fails; ' +
    'OpenSSH `ssh-ed25519 AAAA… comment` lines, whose comment is judged on its own look, and by the name only ' +
    "where the name is a password's (a `user@host` comment, as ssh-keygen writes it, is never a secret, and " +
    'neither is a label and a hex digest, `host-key-<md5>`, as tools name a key by its fingerprint; a label that ' +
    "says credential, `api-`, `token-`, `secret-`, `auth-`, Mailgun's `key-<hex>`, Pulumi's `pul-<hex>`, is " +
    'judged as any comment, and fails where it is a token-like value); base64 ' +
    'DER told by its ASN.1 header: `MIIBIjANBgkqhkiG9w0BAQEFAAOC…` is an RSA public key), placeholders that cannot work as a secret (`<password>`, `${DB_PASSWORD}`, `your-token-here`) ' +
    'and other values not known before deploy are skipped; a provider token or key in any of these ' +
    'variables still fails, and so does a private key, PEM or base64 DER (PKCS#8 ' +
    '`MIIEvQIBADANBgkqhkiG9w0BAQEFAASC…`, PKCS#1, SEC 1, an encrypted PKCS#8 `MIIFLTBXBgkqhkiG9w0BBQ0w…`, a ' +
    'PKCS#12 key store `.p12`/`.pfx` whose bytes show a key bag in it), ' +
    'the base64 body of an OpenSSH private key (`b3BlbnNzaC1rZXktdjEA…`, encrypted or not), whatever the ' +
    'variable is called; a body cut short is named only where the bytes kept show what it is (an encrypted ' +
    "PKCS#8's algorithm whole, a key store's key bag), a key the start of a private key (or of an encrypted " +
    'one), cut short (medium: a header pasted alone, `MIIEpAIBAAKCAQEA`, or the first part of a key split over ' +
    'variables; a PEM key whose body ends so, the start of a PEM private key), a key store of certificates ' +
    "alone passes where its bags can be read (certificates are public, the store's password is not in it), " +
    'and one whose bags are encrypted is judged by its look. A value read ' +
    'to hold certificates and public keys alone passes whatever the variable is called (`SSL_SECRET`): base64 ' +
    'DER wrapped in lines, a PKCS#7 bundle without content (`-----BEGIN PKCS7-----`, a `.p7b`), and a PEM ' +
    'bundle with the lines certificate tools write before each block, borne out by the certificate (a ' +
    "`cacert.pem`'s `##` header and its CA's name over `===`, certifi's `# Subject:`, `# Serial:` and " +
    "fingerprints, `# <CA name>`, openssl's `Bag Attributes` with `localKeyID` and `friendlyName`, `subject=` " +
    "and `issuer=`: a name made of the subject's words, a serial number or fingerprint its own); any other " +
    "text beside them, text after the last block, and a line with a secret's word and a value (`# password: " +
    '…`) are judged, by the name too. A resource ' +
    'attribute that is the secret itself fails, whatever the variable is called and also inside `!Sub` or ' +
    '`!Join`: `AWS::Cognito::UserPoolClient` ClientSecret, `AWS::IAM::AccessKey` SecretAccessKey and ' +
    '`AWS::AppSync::ApiKey` ApiKey. It is not in the template, but CloudFormation writes the resolved ' +
    'value into the function configuration at deploy, as it does the value of a dynamic reference. A ' +
    '`{{resolve:secretsmanager:…}}` dynamic reference that takes a whole secret, or a JSON key or ' +
    'variable named like a secret (`password`, `DB_PASSWORD`; not `host` or `username`), fails as medium: ' +
    'the secret stays out of the template and the repository, but not out of the function configuration. ' +
    'A parameter that names the secret such a reference reads (`{{resolve:secretsmanager:${SaltSecret}:SecretString:salt}}`) ' +
    "holds only the secret's name: the reference is judged as one with the name written, and the finding names the " +
    'parameter as what picks the secret. ' +
    'A `{{resolve:ssm:…}}` reference reads a String parameter, whose value CloudFormation writes into the function ' +
    "configuration as it does an `AWS::SSM::Parameter::Value<String>` parameter's: in a variable named like a " +
    "secret, or in a URL's password, a URL query parameter (`?api_key=`) or a field named like a secret, it is " +
    '`unknown` (medium), naming the SSM parameter, as such a parameter is: one named like a secret, or in such a ' +
    'variable or slot, naming the parameter and the SSM parameter it reads (its default, or named at deploy). Its ' +
    'name may say where the value is read from without making it a pointer (`DtConnectionAuthTokenSSM`, ' +
    '`DbPassParam`; `ApiKeySecretArn` still is one). So is a `Value<List<String>>` or `Value<CommaDelimitedList>` ' +
    'parameter, a StringList whose items the variable holds (the whole list joined with commas where `!Join` ' +
    'takes it). A `Value<Number>` parameter is read so too, its finding saying it reads a number (a PIN may be a ' +
    'secret). A parameter of an AWS-specific type, read from SSM, given at deploy or taken from its default ' +
    '(`AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>`, `AWS::EC2::KeyPair::KeyName`, `DB_PASSWORD: !Ref AmiId`), holds ' +
    "the id or name of a resource of the account, no secret (a key pair's name is not its private key): a variable " +
    'made only of such ids passes; text of its own beside them is judged as any value. ' +
    'A `{{resolve:ssm-secure:…}}` reference is a scan error: CloudFormation takes it only in the ' +
    'properties its user guide lists for secure strings, and Lambda environment variables are not among ' +
    'them. One finding per variable; a secret found in a field is named by its path (evidence `field`: ' +
    '`db.password`). The evidence shows a secret only redacted (a 4-character prefix for values of 20 ' +
    'characters or more, and the length); of a value that comes from a NoEcho parameter it shows nothing, ' +
    'not even the length. The severity is high for every hit in the template or a `-p` value: a ' +
    'high-confidence hit (a known token format) is as urgent as a critical one, but a medium-confidence ' +
    'hit (a random-looking string) can be a build id or a hash, and a critical gate should not break on ' +
    'those.',
  risk: 'Environment variables are readable by anyone allowed lambda:GetFunctionConfiguration and appear in the console; a literal also sits in source control and in CloudFormation. A secret there is as good as shared with all of them, and it cannot be rotated without a redeploy. `NoEcho` on a parameter hides its value only from CloudFormation (DescribeStacks, the console): the function configuration still shows it in plaintext.',
  remediation: {
    text: 'Remove the secret from the template and the parameters and rotate it (it has been exposed). Store it in AWS Secrets Manager or SSM Parameter Store (SecureString) and have the function read it at run time (the AWS Parameters and Secrets Lambda Extension caches it); pass only the secret name or ARN in the environment. Where another resource needs the same secret (a database password), have that resource read it with a `{{resolve:secretsmanager:…}}` (or, where the property supports it, `{{resolve:ssm-secure:…}}`) dynamic reference instead of a parameter. In Environment a dynamic reference keeps the secret out of the template, but CloudFormation writes the resolved value into the function configuration: only reading it at run time keeps it out of there.',
    cloudformation:
      'Environment:\n' +
      '  Variables:\n' +
      '    DB_SECRET_ARN: !Ref DbSecret        # the function calls secretsmanager:GetSecretValue\n',
    cdk:
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      "import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';\n" +
      '\n' +
      "const dbSecret = new secretsmanager.Secret(this, 'DbSecret'); // value generated, or set after deploy\n" +
      "const fn = new lambda.Function(this, 'Fn', {\n" +
      '  // ...runtime, handler, code\n' +
      "  // the secret's ARN, never its value (no literal, no secretValue.unsafeUnwrap())\n" +
      '  environment: { DB_SECRET_ARN: dbSecret.secretArn },\n' +
      '});\n' +
      'dbSecret.grantRead(fn); // the function calls secretsmanager:GetSecretValue at run time\n',
    cli: 'aws lambda update-function-configuration --function-name <name> --environment "Variables={DB_SECRET_ARN=<secret-arn>}"',
    terraform:
      'resource "aws_lambda_function" "this" {\n' +
      '  environment {\n' +
      '    variables = { DB_SECRET_ARN = aws_secretsmanager_secret.db.arn }\n' +
      '  }\n' +
      '}\n',
  },
  compliance: {
    'nist-800-53-r5': ['IA-5(7)', 'SC-28'],
    'pci-dss-4.0': ['8.6.2'],
    soc2: ['CC6.1'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html',
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm-secure-strings.html',
  ],
  evaluate(fn, ctx) {
    const variables = environmentOf(fn, ctx);
    if (!Array.isArray(variables)) return variables as Outcome;

    const findings: Outcome[] = [];
    let skipped = 0;
    for (const variable of variables) {
      if (variable.secretAttributes !== undefined && variable.secretAttributes.length > 0) {
        findings.push(secretAttributeFinding(variable, variable.secretAttributes, ctx));
        continue;
      }
      // Often built with !Sub from the secret of the template (`${DbSecret}`): its shape says what it takes.
      const shape = shapeOf(variable.value);
      const text = shape === undefined ? undefined : writtenDynamicReferences(shape);
      const resolved = text === undefined ? undefined : secretsManagerReference(text);
      const inSlot = resolved !== undefined && shape !== undefined ? secretsManagerInSlot(shape) : undefined;
      if (inSlot !== undefined) {
        findings.push(resolvedSecretFinding(variable, inSlot, ctx, true));
        continue;
      }
      if (resolved !== undefined && takesSecretMaterial(resolved, variable.name)) {
        findings.push(resolvedSecretFinding(variable, resolved, ctx));
        continue;
      }
      if (isUnknown(variable.value)) {
        const outcome = unknownValueFinding(variable, variable.value.template, ctx);
        if (outcome !== undefined) {
          findings.push(outcome);
          continue;
        }
      }
      // A reference points at where a secret lives; the rest of an Unknown value is not in the template.
      if (variable.isReference || isUnknown(variable.value)) {
        skipped++;
        continue;
      }
      const literal = literalSecretFinding(variable, variable.value, ctx);
      if (literal !== undefined) findings.push(literal);
    }
    if (findings.length > 0) return findings;
    const checked = variables.length - skipped;
    const note = skipped === 0 ? '' : `; ${skipped} reference(s) or value(s) not known before deploy skipped`;
    return ctx.pass(`no plaintext secret in ${checked} environment variable(s)${note}`, {
      where: ['Environment'],
    });
  },
});
