import { closest } from '../../config/names.js';

// What a misspelt resource type most likely meant. CloudFormation rejects a type it does not know, but
// Parapet does not ship the whole resource specification: a type it has no mapper for is skipped, and a
// typo in `Type: AWS::Lambda::Functon` would leave a function unchecked without a word. Types are judged
// against those of their own namespace only (`AWS::IoT::Policy` is real and close to `AWS::IAM::Policy`),
// and only a close guess is reported: a type AWS added after this list is left alone.

/** Every resource type of the namespaces Parapet's checks are about (CloudFormation template reference). */
const COMPLETE_NAMESPACES: Readonly<Record<string, readonly string[]>> = {
  'AWS::Lambda': [
    'Alias',
    'CapacityProvider',
    'CodeSigningConfig',
    'EventInvokeConfig',
    'EventSourceMapping',
    'Function',
    'LayerVersion',
    'LayerVersionPermission',
    'Permission',
    'Url',
    'Version',
  ],
  'AWS::Serverless': [
    'Api',
    'Application',
    'CapacityProvider',
    'Connector',
    'Function',
    'GraphQLApi',
    'HttpApi',
    'LayerVersion',
    'SimpleTable',
    'StateMachine',
    'WebSocketApi',
  ],
  'AWS::IAM': [
    'AccessKey',
    'Group',
    'GroupPolicy',
    'InstanceProfile',
    'ManagedPolicy',
    'OIDCProvider',
    'Policy',
    'Role',
    'RolePolicy',
    'SAMLProvider',
    'ServerCertificate',
    'ServiceLinkedRole',
    'User',
    'UserPolicy',
    'UserToGroupAddition',
    'VirtualMFADevice',
  ],
};

/** Namespaces whose own name is worth guessing at (`AWS::Lamda`): no other namespace is close to them. */
const GUESSED_NAMESPACES = ['AWS::Lambda', 'AWS::Serverless'];

/** The types of COMPLETE_NAMESPACES, written out. */
const COMPLETE_TYPES: readonly string[] = Object.entries(COMPLETE_NAMESPACES).flatMap(([namespace, names]) =>
  names.map((name) => `${namespace}::${name}`),
);

/**
 * The type `type` most likely meant, when it is not itself a known type: one of its namespace (or of a
 * namespace it misspells) that is close to it. Undefined for a known type, one of another namespace, or
 * one nothing is close to. `modeled` are the types Parapet maps, of any namespace.
 */
export function misspeltResourceType(type: string, modeled: ReadonlySet<string> = NONE): string | undefined {
  // Asked once per unmodeled resource of every template: each type is worked out once per set of types.
  let answers = memo.get(modeled);
  if (answers === undefined) {
    answers = new Map();
    memo.set(modeled, answers);
  }
  if (answers.has(type)) return answers.get(type);
  const meant = guessType(type, modeled);
  answers.set(type, meant);
  return meant;
}

const NONE: ReadonlySet<string> = new Set();
const memo = new Map<ReadonlySet<string>, Map<string, string | undefined>>();

function guessType(type: string, modeled: ReadonlySet<string>): string | undefined {
  const namespace = type.slice(0, type.lastIndexOf('::'));
  if (namespace === '' || modeled.has(type) || COMPLETE_TYPES.includes(type)) return undefined;
  const prefix = `${namespace.toLowerCase()}::`;
  const inNamespace = (types: Iterable<string>) =>
    [...types].filter((t) => t.toLowerCase().startsWith(prefix));
  const complete = inNamespace(COMPLETE_TYPES);
  if (complete.length > 0) return closest(type, complete);
  // A namespace Parapet knows in part (AWS::EC2): its other types are unknown here, and short names are
  // close to each other (AWS::EC2::EIP is three letters from AWS::EC2::VPC), so only a one-letter slip.
  const partial = inNamespace(modeled);
  if (partial.length > 0) return partial.find((t) => withinOneEdit(t.toLowerCase(), type.toLowerCase()));
  const meant = closest(namespace, GUESSED_NAMESPACES);
  if (meant === undefined) return undefined;
  const name = type.slice(namespace.length + 2);
  return closest(
    `${meant}::${name}`,
    COMPLETE_TYPES.filter((t) => t.startsWith(`${meant}::`)),
  );
}

/** Whether `a` becomes `b` by at most one inserted, deleted or changed character. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Whether `type` is that of a custom resource (`Custom::Anything` or AWS::CloudFormation::CustomResource): its
 * provider, not CloudFormation, decides its physical id and its attributes (the `Data` of its response).
 */
export function isCustomResourceType(type: unknown): type is string {
  return (
    typeof type === 'string' &&
    (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource')
  );
}

/**
 * What a custom resource gives, in words: `the physical id of custom resource Lookup (Custom::Lookup), which its provider
 * returns at deploy` for its Ref, `attribute SubnetId of custom resource …` for one of its attributes.
 */
export function customValueWords(logicalId: string, attribute: string | undefined, type: string): string {
  const what = attribute === undefined ? 'the physical id' : `attribute ${attribute}`;
  return `${what} of custom resource ${logicalId} (${type}), which its provider returns at deploy`;
}
