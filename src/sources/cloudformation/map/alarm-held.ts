import { own } from '../../../model/own.js';
import { conditionNamesIn } from '../condition-names.js';

/**
 * The conditions a listener's values may read: those its declaration names (its Condition, an `Fn::If`'s, a
 * `Condition` within `Fn::And` and the like), and those they name in turn in the template's Conditions. An alarm
 * mapped taking its own Condition to hold (see listenersOf) changes only what reads that condition: a listener that
 * does not is read once, for every alarm.
 */
export class ConditionsRead {
  /** Each condition's definition's names, with those they name in turn: worked out once per condition. */
  private readonly closed = new Map<string, ReadonlySet<string>>();

  constructor(private readonly section: Record<string, unknown>) {}

  of(declaration: Record<string, unknown>): ReadonlySet<string> {
    const found = new Set<string>();
    for (const name of conditionNamesIn(declaration)) for (const read of this.closure(name)) found.add(read);
    return found;
  }

  /** The condition and those its definition names, through them too (a cycle ends where it began). */
  private closure(name: string): ReadonlySet<string> {
    const known = this.closed.get(name);
    if (known !== undefined) return known;
    const found = new Set<string>([name]);
    const queue = [name];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      for (const named of conditionNamesIn(own(this.section, next))) {
        if (found.has(named)) continue;
        found.add(named);
        queue.push(named);
      }
    }
    this.closed.set(name, found);
    return found;
  }
}
