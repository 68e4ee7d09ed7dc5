/**
 * Names CloudFormation reads as written (`Ref`, `Fn::GetAtt`, a condition's) that hold `${Identifier}` of a
 * loop around them: the transform replaces identifiers only in keys and `Fn::Sub`, so they stay as written
 * (as cfn-lint's model leaves them). The loop stage reports each once, saying what to write; the resolver's
 * "not defined" complaints about them later are noise, which `reportedByLoops` tells apart.
 */
import type { TemplateIssue } from '../intrinsic-values.js';
import { holdsIdentifier, type Scope } from './identifiers.js';

/** Names written with a loop's identifier outside `Fn::Sub` (reported), and the objects holding them. */
export interface LeftAsWritten {
  readonly nodes: ReadonlySet<object>;
  readonly names: ReadonlySet<string>;
}

/**
 * The name `node[fn]` writes with an identifier of `scope` in it, and what to say about it; undefined when
 * it holds none. `fn` 'Condition' is also a resource's Condition attribute (`node` the resource's declaration).
 */
export function nameLeftAsWritten(
  node: Record<string, unknown>,
  fn: string,
  scope: Scope,
): { name: string; message: string } | undefined {
  const args = node[fn];
  const first = Array.isArray(args) ? args[0] : args;
  if (typeof first !== 'string') return undefined;
  const name = fn === 'Fn::GetAtt' && !Array.isArray(args) ? (first.split('.')[0] ?? first) : first;
  if (!holdsIdentifier(name, scope)) return undefined;
  const attribute = fn === 'Fn::GetAtt' ? (Array.isArray(args) ? args[1] : first.slice(name.length + 1)) : '';
  const [what, fix] =
    fn === 'Ref'
      ? [`Ref: ${name}`, `Ref: !Sub '${name}'`]
      : fn === 'Fn::GetAtt'
        ? [
            `Fn::GetAtt to ${name}`,
            `!GetAtt [!Sub '${name}', ${typeof attribute === 'string' ? attribute : '...'}]`,
          ]
        : fn === 'Fn::If'
          ? [`Fn::If on ${name}`, `!If [!Sub '${name}', ...]`]
          : [`Condition: ${name}`, `Condition: !Sub '${name}'`];
  return {
    name,
    message: `${what} is left as written: CloudFormation replaces a loop's identifier only in keys and Fn::Sub; write ${fix}`,
  };
}

/**
 * Whether the resolver's issue is about a name the loop stage reported as written with a loop's identifier
 * outside `Fn::Sub`: by the object it is in, or by the name it quotes (the resolver reads the expanded
 * template, where a resource's declaration may be a copy of the one in the fragment).
 */
export function reportedByLoops(issue: TemplateIssue, leftAsWritten: LeftAsWritten): boolean {
  if (issue.node && leftAsWritten.nodes.has(issue.node)) return true;
  for (const name of leftAsWritten.names) if (issue.message.includes(`"${name}"`)) return true;
  return false;
}
