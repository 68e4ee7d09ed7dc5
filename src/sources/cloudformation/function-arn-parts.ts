import { isUnknown, unknown } from '../../model/values.js';
import { type Resolved, ResourceRef } from './intrinsic-values.js';
import { PSEUDO_UNKNOWNS } from './text-intrinsics.js';

/** Types whose `Arn` attribute is `arn:<partition>:lambda:<region>:<account>:function:<name>`, the name its Ref. */
const FUNCTION_TYPES: ReadonlySet<string> = new Set(['AWS::Lambda::Function', 'AWS::Serverless::Function']);

const pseudo = (name: string): Resolved => PSEUDO_UNKNOWNS.get(name);

/**
 * What `Fn::Split [':', arn]` gives of a Lambda function's (or alias's) ARN known only by shape (`!GetAtt Fn.Arn`, or that
 * attribute of a function another scanned stack exports): its seven fields, the partition, region and account
 * unknown as their pseudo parameters are, the last the function's name (its Ref). CDK names a function it knows
 * by ARN with `Fn::Select [6, Fn::Split [':', arn]]`, as in an alarm's FunctionName dimension. Undefined for any
 * other value.
 */
export function functionArnParts(
  arn: Resolved,
  typeOf: (logicalId: string) => string | undefined,
  /** An AWS::Lambda::Alias's Name, resolved. */
  aliasName: (logicalId: string) => Resolved,
): Resolved[] | undefined {
  // The Ref of an alias is its ARN: the function's, then the alias's name (CDK's EventInvokeConfig of an alias
  // takes its Qualifier as `Fn::Select [7, Fn::Split [':', <alias Ref>]]`).
  if (
    arn instanceof ResourceRef &&
    arn.attribute === undefined &&
    typeOf(arn.logicalId) === 'AWS::Lambda::Alias'
  )
    return [
      ...arnHead(),
      unknown(`the name of the function of alias ${arn.logicalId}`),
      aliasName(arn.logicalId),
    ];
  const name = functionNameOf(arn, typeOf);
  if (name === undefined) return undefined;
  return [...arnHead(), name];
}

/** The fields of a function ARN before the name: the partition, region and account as their pseudo parameters. */
function arnHead(): Resolved[] {
  return [
    'arn',
    pseudo('AWS::Partition'),
    'lambda',
    pseudo('AWS::Region'),
    pseudo('AWS::AccountId'),
    'function',
  ];
}

function functionNameOf(
  arn: Resolved,
  typeOf: (logicalId: string) => string | undefined,
): Resolved | undefined {
  if (arn instanceof ResourceRef) {
    const type = typeOf(arn.logicalId);
    return arn.attribute === 'Arn' && type !== undefined && FUNCTION_TYPES.has(type)
      ? new ResourceRef(arn.logicalId)
      : undefined;
  }
  const from = isUnknown(arn) ? arn.stackResource : undefined;
  if (from?.attribute !== 'Arn' || from.type === undefined || !FUNCTION_TYPES.has(from.type))
    return undefined;
  // As an export of the function's Ref reads (otherStackValue): that resource of that stack, by name.
  const { attribute: _arn, ...ref } = from;
  return unknown(`reference to resource ${from.logicalId} of stack ${from.stack}`, `\${${from.logicalId}}`, {
    resources: [from.logicalId],
    stackResource: ref,
  });
}
