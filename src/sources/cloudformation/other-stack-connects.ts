import type { ConnectRouteElsewhere } from '../../model/apigateway.js';
import type { ConnectRouteOfOtherStack } from '../../model/neighbours.js';
import { isUnknown } from '../../model/values.js';
import type { StackReader } from './other-stack-reader.js';

/**
 * The WebSocket `$connect` routes the scanned stacks declare on an API they do not declare (Neighbours.connectRoutesOn),
 * looked through once, when a stack first asks.
 */
export class ConnectRoutesOfStacks {
  /** Each with its stack; undefined until a stack first asks. */
  private connects: (ConnectRouteElsewhere & { readonly stack: string })[] | undefined;

  constructor(private readonly reader: StackReader) {}

  /** The `$connect` routes of the stacks other than `stack` that are, or may be, on its API `logicalId`. */
  on(stack: string, logicalId: string): ConnectRouteOfOtherStack[] {
    if (this.connects === undefined) {
      this.connects = [];
      for (const [other, file] of this.reader.fileOf) {
        if (!this.mayDeclareConnect(file)) continue;
        for (const route of this.reader.inventoryOf(other)?.connectRoutesElsewhere ?? [])
          this.connects.push({ ...route, stack: other });
      }
    }
    return this.connects.flatMap((route): ConnectRouteOfOtherStack[] => {
      if (route.stack === stack) return [];
      const named = isUnknown(route.api) ? route.api.stackResource : undefined;
      // An import of another stack's export, a parent's value: that API, not this one.
      if (named !== undefined && (named.stack !== stack || named.logicalId !== logicalId)) return [];
      if (named !== undefined && !API_ID_ATTRIBUTES.has(named.attribute)) return [];
      return [{ ...route, surely: named !== undefined && route.maybe !== true }];
    });
  }

  /** A cheap look at the text (no parse): a stack with a route whose key may be `$connect`. */
  private mayDeclareConnect(file: string): boolean {
    try {
      const text = this.reader.text(file);
      return text?.includes('AWS::ApiGatewayV2::Route') === true;
    } catch {
      return false;
    }
  }
}

/** How a value names a WebSocket API's id: `Ref`, or its `ApiId` attribute (AWS::ApiGatewayV2::Api's return values). */
const API_ID_ATTRIBUTES = new Set([undefined, 'ApiId']);
