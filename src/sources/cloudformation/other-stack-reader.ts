import type { Inventory } from '../../model/inventory.js';

/** How a part of OtherStacks reads the scanned stacks (see other-stacks.ts). */
export interface StackReader {
  /** The file of each stack, by the name the scan shows for it. */
  readonly fileOf: ReadonlyMap<string, string>;
  /** A stack's model, built once, without its neighbours; undefined when it cannot be built. */
  inventoryOf(stack: string): Inventory | undefined;
  /** A cheap look at a file's text: it declares one of `types`, and an import, a parent or nested stacks. */
  mayReachOthers(file: string, types: readonly string[]): boolean;
  /** The text of a file, undefined when over the size the scan reads; throws as readFileSync does. */
  text(file: string): string | undefined;
}
