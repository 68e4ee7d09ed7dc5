import { isUnknown, unknown, type Value } from '../../../model/values.js';
import { includeClashes, isTriedInclude } from '../included-definitions.js';
import { asRecord } from '../intrinsic-values.js';
import { MACRO_OUTPUT } from '../intrinsics.js';
import { isLocalFile } from '../local-files.js';
import { type ApiAuth, authorizer, type Decided, isSet, unknownAuth } from './apigateway-sam-auth.js';
import type { MapContext } from './context.js';

/**
 * An API's OpenAPI definition (`DefinitionBody`, `Body`) as a mapping, Unknown where it cannot be read, with the
 * reason as unreadDefinition words it. One that still holds an `Fn::Transform` beside keys written inline (an
 * AWS::Include of a file in S3, a macro, a file whose keys clash with those written) is Unknown too: what the
 * transform brings may add paths or replace those written, so neither what is written nor what is missing holds.
 */
export function readDefinition(ctx: MapContext, body: unknown): Value<Record<string, unknown> | undefined> {
  const doc = ctx.object(body);
  if (isUnknown(doc)) return unknown(unreadDefinition(body, doc.reason));
  if (doc !== undefined && Object.hasOwn(doc, 'Fn::Transform'))
    return unknown(unreadDefinition(doc, MACRO_OUTPUT));
  return doc;
}

/**
 * Why a SAM API's `DefinitionBody` cannot be read, as a clause: an `Fn::Transform` (`AWS::Include` of a file, or a
 * macro), alone or beside keys written inline, by what it names; anything else by the reason the value is not known.
 */
export function unreadDefinition(body: unknown, reason: string): string {
  const record = asRecord(body);
  const transform = asRecord(record?.['Fn::Transform']);
  if (!record || !transform) return `the DefinitionBody cannot be read (${reason})`;
  const beside = Object.keys(record).length > 1;
  const name = typeof transform.Name === 'string' ? transform.Name : undefined;
  if (name !== 'AWS::Include') {
    const macro = name === undefined ? 'a macro' : `the macro ${name}`;
    return beside
      ? `the DefinitionBody holds, beside keys written inline, what ${macro} (Fn::Transform) makes, which Parapet does not run`
      : `the DefinitionBody is made by ${macro} (Fn::Transform), which Parapet does not run`;
  }
  const location = asRecord(transform.Parameters)?.Location;
  const include = beside
    ? 'the DefinitionBody holds, beside keys written inline, an Fn::Transform AWS::Include'
    : 'the DefinitionBody is an Fn::Transform AWS::Include';
  if (typeof location !== 'string')
    return `${include} of a file named by an intrinsic function, which Parapet does not read`;
  const clashes = includeClashes(record);
  if (clashes !== undefined)
    return (
      `the DefinitionBody writes ${clashes.join(', ')} both beside its Fn::Transform AWS::Include of ${location} and ` +
      'in that file, and which one CloudFormation keeps is not documented'
    );
  // A file beside the template is read (included-definitions.ts): one still here could not be, and a warning says why.
  const why = isTriedInclude(record)
    ? 'which Parapet could not read'
    : !isLocalFile(location)
      ? 'which Parapet does not read (it reads a file beside the template, not one in S3 or on the web)'
      : 'which Parapet does not read';
  return `${include} of ${location}, ${why}`;
}

/**
 * The authorization of a SAM REST event's route whose operation in the API's own definition cannot be read (an
 * AWS::Include, an intrinsic in the way), as SAM decides it (samtranslator 1.110). SAM adds no operation for the event
 * to a definition it does not make; on every operation of that definition with an integration it puts the API's
 * DefaultAuthorizer, unless the operation's `security` names a SAM authorizer of its own (still an authorizer) or
 * SAM's `NONE` marker (swagger.py set_path_default_authorizer). The event's Auth counts only with `OverrideApiAuth`
 * (push.py Api.to_cloudformation), which appends its Authorizer to the operation's own security.
 *
 * So the route is behind the DefaultAuthorizer, or the event's own authorizer, whatever the definition says, save a
 * `NONE` written into the definition itself: SAM's documented opt-out is the event's. With `Authorizer: NONE` on the
 * event, or no DefaultAuthorizer, the operation's own security decides: Unknown.
 */
export function unseenOperation(
  ctx: MapContext,
  api: ApiAuth,
  route: { method: string; path: string; auth: Record<string, unknown> | undefined },
  unread: string,
): Decided {
  const { method, path, auth } = route;
  const both = (value: Value<never>): Decided => ({ authorization: value, apiKeyRequired: value });
  // Whether an API key is needed is the operation's too; it matters only where there is no authorizer.
  const apiKeyRequired = unknown(unread);
  if (isSet(auth?.OverrideApiAuth)) {
    const named = ctx.string(auth?.Authorizer);
    if (isUnknown(named)) return both(unknownAuth("the event's Auth.Authorizer", named));
    if (named === 'NONE')
      return both(
        unknown(
          `the event takes the DefaultAuthorizer off ${method} ${path} (Authorizer NONE with OverrideApiAuth), so the ` +
            `operation's own security decides, and ${unread}`,
        ),
      );
    if (named) {
      const source = auth ? ctx.source(auth, 'Authorizer') : undefined;
      return { authorization: authorizer(ctx, api, named, auth, source), apiKeyRequired };
    }
  }
  // The check leaves OPTIONS alone; where SAM leaves the default off preflight, the operation decides.
  const preflight =
    method === 'OPTIONS'
      ? api.setting('AddDefaultAuthorizerToCorsPreflight', (raw) => ctx.boolean(raw))
      : true;
  if (isUnknown(preflight)) return both(unknownAuth('AddDefaultAuthorizerToCorsPreflight', preflight));
  const name = api.setting('DefaultAuthorizer', (raw) => ctx.string(raw));
  if (isUnknown(name)) return both(unknownAuth("the API's DefaultAuthorizer", name));
  if (!name || preflight === false)
    return both(unknown(`${unread}, and no DefaultAuthorizer of the API covers ${method} ${path}`));
  const found = authorizer(ctx, api, name, undefined, api.where('DefaultAuthorizer'));
  if (isUnknown(found)) return { authorization: found, apiKeyRequired };
  const basis =
    `SAM puts the API's DefaultAuthorizer on every operation of its OpenAPI definition that does not opt out ` +
    `with security NONE, and ${unread}`;
  return { authorization: { ...found, basis }, apiKeyRequired };
}
