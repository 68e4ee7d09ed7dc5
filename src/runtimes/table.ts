/**
 * The Lambda runtime table: every runtime identifier that exists or existed, with the dates AWS
 * announced for deprecation, for blocking function creation and for blocking function updates.
 *
 * The dates are data (src/data/lambda-runtimes.json), copied from the AWS "Lambda runtimes" page,
 * because AWS moves them (it extended many deadlines in 2026) and runtime lists kept in code go
 * stale for years. `takenOn` says when the copy was taken; a test fails when it grows too old.
 */
import rawTable from '../data/lambda-runtimes.json' with { type: 'json' };

export type RuntimeFamily = 'nodejs' | 'python' | 'java' | 'dotnet' | 'ruby' | 'go' | 'os-only';

export interface RuntimeInfo {
  /** The identifier as Lambda spells it (case-sensitive): `nodejs22.x`, `provided.al2023`. */
  readonly identifier: string;
  /** What AWS calls it: "Node.js 22". */
  readonly name: string;
  readonly family: RuntimeFamily;
  /** UTC dates as `YYYY-MM-DD`; null where AWS announced none. */
  readonly deprecation: string | null;
  readonly blockFunctionCreate: string | null;
  readonly blockFunctionUpdate: string | null;
  /** A public preview runtime: no dates scheduled yet. */
  readonly preview: boolean;
  /** Only available as a container base image (no `.zip` functions). */
  readonly containerOnly: boolean;
  /** Where a row's dates came from when not from the main copy, or what is not confirmed. */
  readonly note?: string;
}

/** The JSON file's shape; `src/runtimes/schema.ts` validates it (a test runs that on every change). */
interface RuntimeTableFile {
  readonly source: string;
  readonly takenOn: string;
  readonly copyUsed: string;
  readonly runtimes: readonly (Omit<RuntimeInfo, 'preview' | 'containerOnly'> & {
    preview?: boolean;
    containerOnly?: boolean;
  })[];
}

// Not validated at start-up: zod alone costs ~40 ms of every run. The schema test guards the file.
const table = rawTable as RuntimeTableFile;

/** The AWS page the table was copied from. */
export const RUNTIME_TABLE_SOURCE: string = table.source;
/** The date (`YYYY-MM-DD`) of the copy of the AWS page the table was taken from. */
export const RUNTIME_TABLE_TAKEN_ON: string = table.takenOn;

const runtimes: readonly RuntimeInfo[] = Object.freeze(
  table.runtimes.map((runtime) =>
    Object.freeze({
      ...runtime,
      preview: runtime.preview ?? false,
      containerOnly: runtime.containerOnly ?? false,
    }),
  ),
);
const byIdentifier = new Map(runtimes.map((runtime) => [runtime.identifier, runtime]));

/** Every runtime in the table, newest first within a family. */
export function allRuntimes(): readonly RuntimeInfo[] {
  return runtimes;
}

/** The runtime with exactly this identifier (Lambda runtimes are case-sensitive). */
export function findRuntime(identifier: string): RuntimeInfo | undefined {
  return byIdentifier.get(identifier);
}
