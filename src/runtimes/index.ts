export { type RuntimeBlock, type RuntimeState, runtimeState } from './state.js';
export { suggestRuntime } from './suggest.js';
export {
  allRuntimes,
  findRuntime,
  RUNTIME_TABLE_SOURCE,
  RUNTIME_TABLE_TAKEN_ON,
  type RuntimeFamily,
  type RuntimeInfo,
} from './table.js';
