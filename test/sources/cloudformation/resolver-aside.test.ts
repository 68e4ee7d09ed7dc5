import { describe, expect, it } from 'vitest';
import { Resolver } from '../../../src/sources/cloudformation/intrinsics.js';
import { connectRoutesElsewhere } from '../../../src/sources/cloudformation/map/connect-routes-elsewhere.js';
import { MapContext } from '../../../src/sources/cloudformation/map/context.js';

const TEMPLATE = {
  Parameters: {
    Env: { Type: 'String', Default: 'prod' },
    Stage: { Type: 'String', Default: 'dev' },
    Auth: { Type: 'String', Default: 'NONE' },
    Api: { Type: 'String' },
  },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
  Resources: {
    Connect: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { ApiId: { Ref: 'Api' }, RouteKey: '$connect', AuthorizationType: { Ref: 'Auth' } },
    },
  },
};

const resolver = () => new Resolver(TEMPLATE, new Set(['Connect']), () => {});

/** A resolver whose record holds what the resource being mapped read: the default of Stage, condition IsProd. */
function midResource(): Resolver {
  const r = resolver();
  r.value({ Ref: 'Stage' });
  r.conditionNamed('IsProd');
  return r;
}

describe('Resolver.aside', () => {
  it('gives what the read assumed and met, apart from what was read before, and puts that back', () => {
    const r = midResource();
    const read = r.aside(() => r.value({ 'Fn::If': ['IsProd', { Ref: 'Auth' }, 'x'] }));
    expect(read).toEqual({ value: 'NONE', assumed: ['Env', 'Auth'], met: ['IsProd'] });
    expect([...r.assumed]).toEqual(['Stage', 'Env']);
    expect([...r.undecidedMet]).toEqual(['IsProd']);
  });

  it('puts the record back when the read throws', () => {
    const r = midResource();
    expect(() =>
      r.aside(() => {
        r.value({ Ref: 'Auth' });
        throw new Error('read failed');
      }),
    ).toThrow('read failed');
    expect([...r.assumed]).toEqual(['Stage', 'Env']);
  });

  it('remember adds a record after what the resolver holds', () => {
    const r = midResource();
    r.remember(r.aside(() => r.value({ Ref: 'Auth' })));
    expect([...r.assumed]).toEqual(['Stage', 'Env', 'Auth']);
  });
});

describe('connectRoutesElsewhere', () => {
  it('words the choices a route rests on, and leaves the record of what was read before it as it was', () => {
    const r = midResource();
    const ctx = new MapContext(r, { file: 't.yaml', locate: () => undefined });
    const [route] = connectRoutesElsewhere(ctx, TEMPLATE.Resources);
    expect(route?.restsOnChoices).toEqual({
      properties: ['AuthorizationType'],
      choices: 'the default of parameter Auth',
    });
    expect([...r.assumed]).toEqual(['Stage', 'Env']);
    expect([...r.undecidedMet]).toEqual(['IsProd']);
  });
});
