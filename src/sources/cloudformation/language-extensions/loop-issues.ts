/** Something a loop could not do; located at `node`/`key` (what the user wrote), never thrown. */
export interface LoopIssue {
  readonly message: string;
  readonly node: object;
  readonly key?: string | number;
  /** The resource the issue is about: the loop itself when it makes resources, else the resource holding it. */
  readonly resource?: string;
}

/** The issues of an expansion, each recorded once: a loop inside another is met once per item of the outer one. */
export class LoopIssues {
  readonly list: LoopIssue[] = [];
  /** Messages already recorded, per node. */
  private readonly reported = new Map<object, Set<string>>();

  add(issue: LoopIssue): void {
    const id = `${issue.message}\u0000${String(issue.key)}`;
    let seen = this.reported.get(issue.node);
    if (!seen) {
      seen = new Set();
      this.reported.set(issue.node, seen);
    }
    if (seen.has(id)) return;
    seen.add(id);
    this.list.push(issue);
  }
}
