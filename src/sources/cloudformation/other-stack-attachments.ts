import type { AttachmentElsewhere } from '../../model/lambda.js';
import type { AttachmentFromOther } from '../../model/neighbours.js';
import { isUnknown, type StackResource } from '../../model/values.js';
import type { UnscannedNesting } from './nested-stack-links.js';
import type { StackReader } from './other-stack-reader.js';

/**
 * What the scanned stacks attach to one another's subnets, route tables and security groups (Neighbours.attachedByOthers):
 * routes, route table associations and egress rules declared on another stack's resource, which that stack's model
 * does not hold. Each stack is looked through once, when another than itself first asks.
 */
export class AttachmentsOfStacks {
  /**
   * The declarations of the stacks looked through so far that attach to another stack's resource, by that resource
   * (`stack\0logicalId`), each with the stack declaring it.
   */
  private readonly attaching = new Map<string, Attaching[]>();
  /** The stacks not looked through for `attaching` yet: each is, once, when another than itself first asks. */
  private readonly unread: Set<string>;

  constructor(
    private readonly reader: StackReader,
    /** A parent's nested stacks whose template the scan does not read. */
    private readonly unreadNestings: (file: string) => readonly UnscannedNesting[],
    /** The resources of other stacks a nested stack's parents give it as parameters (`Subnet: !Ref A`). */
    private readonly givenByParents: (file: string) => readonly StackResource[],
  ) {
    this.unread = new Set(reader.fileOf.keys());
  }

  /**
   * What the stacks other than `asking` attach to resource `logicalId` of `kind` of `stack` (see
   * Neighbours.attachedByOthers), and the nested stacks of `stack` given it whose template is not read.
   */
  attachedByOthers(
    asking: string,
    stack: string,
    logicalId: string,
    kind: AttachmentElsewhere['kind'],
  ): AttachmentFromOther[] {
    for (const other of this.unread) {
      if (other === asking) continue;
      this.unread.delete(other);
      this.noteAttachments(other);
    }
    const found: AttachmentFromOther[] = (this.attaching.get(`${stack}\0${logicalId}`) ?? [])
      .filter((attachment) => attachment.kind === kind && attachment.stack !== asking)
      .map(({ stack: by, declaredBy, route, rule, byChoice, maybe }) => ({
        stack: by,
        declaredBy,
        route,
        rule,
        byChoice,
        maybe,
      }));
    const file = this.reader.fileOf.get(stack);
    for (const nesting of file === undefined ? [] : this.unreadNestings(file)) {
      if (nesting.given.includes(logicalId)) found.push({ nesting: nesting.resource, parent: stack });
    }
    return found;
  }

  /**
   * Notes the declarations of `stack` that attach to another stack's resource (see attaching). One whose target is not
   * read (`!Sub "${Subnet}"`, a `!Join`, a choice that cannot be listed) may be any resource its parents give it.
   */
  private noteAttachments(stack: string): void {
    const file = this.reader.fileOf.get(stack);
    if (file === undefined || !this.reader.mayReachOthers(file, ATTACHING_TYPES)) return;
    for (const attachment of this.reader.inventoryOf(stack)?.attachesElsewhere ?? []) {
      const target = attachment.target;
      if (!isUnknown(target)) continue;
      if (target.stackResource !== undefined) {
        this.noteAttaching(target.stackResource, { ...attachment, stack });
        continue;
      }
      for (const given of this.givenByParents(file))
        this.noteAttaching(given, { ...attachment, stack, maybe: true });
    }
  }

  private noteAttaching(to: StackResource, attaching: Attaching): void {
    if (!ID_ATTRIBUTES.has(to.attribute)) return;
    const key = `${to.stack}\0${to.logicalId}`;
    const list = this.attaching.get(key) ?? [];
    // One resource given twice (two parameters) is noted once.
    if (!list.some((other) => other.stack === attaching.stack && other.declaredBy === attaching.declaredBy))
      this.attaching.set(key, [...list, attaching]);
  }
}

/** A declaration attaching to another stack's resource, with its stack; `maybe` where its target is not read. */
type Attaching = AttachmentElsewhere & { readonly stack: string; readonly maybe?: boolean };

const ATTACHING_TYPES = [
  'AWS::EC2::Route',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::SecurityGroupEgress',
];
/** How a value names a subnet, route table or security group of another stack: `Ref`, or its id attribute. */
const ID_ATTRIBUTES = new Set([undefined, 'SubnetId', 'RouteTableId', 'GroupId']);
