import { writtenIndex } from '../../model/source.js';
import { isUnknown, literalText, type Value } from '../../model/values.js';
import { defineCheck } from '../define.js';

/**
 * Whether an origin is, or could turn out to be, the wildcard `*`. An Unknown origin whose known
 * shape has text besides placeholders (`https://${Domain}`) cannot be `*`.
 */
function originWildcard(origin: Value<string>): 'yes' | 'no' | 'maybe' {
  if (!isUnknown(origin)) return origin.trim() === '*' ? 'yes' : 'no';
  if (origin.template === undefined) return 'maybe';
  const literal = literalText(origin.template);
  return literal === '' || literal === '*' ? 'maybe' : 'no';
}

export default defineCheck({
  id: 'lambda.function-url-cors-wildcard-credentials',
  title: 'Lambda function URL CORS allows any origin together with credentials',
  severity: 'high',
  resource: 'lambda.function-url',
  description:
    'A function URL whose CORS configuration lists the origin `*` and sets `AllowCredentials: true` declares that ' +
    'every website may send credentialed (cookie-bearing) requests to the function and read the answers. ' +
    'An origin `*` without credentials is not reported here: it lets any site read responses that carry no ' +
    "user's session, which is how public APIs are meant to work.",
  risk:
    'The configuration trusts every website with credentialed requests. Wherever the allowed origin is echoed ' +
    'back to the caller (as servers do so that browsers accept credentials with a wildcard), any page a signed-in user ' +
    "visits can call the function with the user's cookies or authorization header and read the response " +
    '(cross-site request forgery and data theft). Where browsers refuse the combination, it still states a trust ' +
    'that no front end needs.',
  remediation: {
    text: 'In the function URL configuration, replace `*` under CORS allowed origins with the exact origins of your front end (https://app.example.com), or turn off "Allow credentials" if the URL serves no signed-in users.',
    cloudformation:
      'FunctionUrlConfig:          # SAM; AWS::Lambda::Url takes Cors the same way\n' +
      '  AuthType: AWS_IAM\n' +
      '  Cors:\n' +
      '    AllowOrigins:\n' +
      '      - https://app.example.com\n' +
      '    AllowCredentials: true\n',
    cdk:
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
      '\n' +
      'fn.addFunctionUrl({\n' +
      '  authType: lambda.FunctionUrlAuthType.AWS_IAM,\n' +
      '  cors: {\n' +
      "    allowedOrigins: ['https://app.example.com'], // not ['*'] together with allowCredentials\n" +
      '    allowCredentials: true,\n' +
      '  },\n' +
      '});\n',
    cli: 'aws lambda update-function-url-config --function-name <name> --cors \'{"AllowOrigins":["https://app.example.com"],"AllowCredentials":true}\'',
    terraform:
      'resource "aws_lambda_function_url" "this" {\n' +
      '  cors {\n' +
      '    allow_origins     = ["https://app.example.com"]\n' +
      '    allow_credentials = true\n' +
      '  }\n' +
      '}\n',
  },
  compliance: {
    'nist-800-53-r5': ['AC-3', 'AC-4', 'SC-7'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-cors',
    'https://docs.aws.amazon.com/lambda/latest/api/API_Cors.html',
    'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#requests_with_credentials',
  ],
  evaluate(url, ctx) {
    const cors = url.cors;
    if (cors === undefined) return ctx.notApplicable('the function URL has no CORS configuration');
    if (isUnknown(cors))
      return ctx.unknown(`Cors is not known before deploy (${cors.reason})`, { where: ['Cors'] });

    const credentials = cors.allowCredentials;
    if (credentials === undefined || credentials === false) {
      return ctx.pass('CORS does not allow credentials');
    }
    const origins = cors.allowOrigins;
    if (isUnknown(origins)) {
      return ctx.unknown(`AllowOrigins is not known before deploy (${origins.reason})`, {
        where: ['Cors', 'AllowOrigins'],
      });
    }
    // Where an origin is written: an item an `!If` removes before it must not move its finding between cases.
    const places = cors.allowOriginPlaces;
    const written = (index: number) => writtenIndex(places, index);
    const verdicts = origins.map(originWildcard);
    // A `*` the same in every deploy first: a parameter that makes another origin `*` as well (or not) must not
    // move the finding, whose identity is the item it points at.
    const fixedWildcard = verdicts.findIndex((v, i) => v === 'yes' && places?.[i]?.fixed !== false);
    const wildcard = fixedWildcard === -1 ? verdicts.indexOf('yes') : fixedWildcard;
    const possible = verdicts.indexOf('maybe');
    if (wildcard === -1 && possible === -1) return ctx.pass('CORS allows only listed origins');

    if (isUnknown(credentials)) {
      return ctx.unknown(
        `AllowCredentials is not known before deploy (${credentials.reason}) and AllowOrigins includes *`,
        {
          where: ['Cors', 'AllowCredentials'],
        },
      );
    }
    if (wildcard === -1) {
      const origin = origins[possible] as Value<string>;
      return ctx.unknown(
        `An allowed origin is not known before deploy (${isUnknown(origin) ? origin.reason : origin}) and may be *, with AllowCredentials true`,
        { where: ['Cors', 'AllowOrigins', written(possible)] },
      );
    }
    return ctx.fail(
      'The function URL CORS configuration allows any origin (*) with AllowCredentials true: any website can send credentialed requests and read the responses.',
      {
        where: ['Cors', 'AllowOrigins', written(wildcard)],
        evidence: { allowOrigins: '*', allowCredentials: 'true' },
      },
    );
  },
});
