/**
 * A fake Twilio Lookup v2 API on 127.0.0.1, enough of it for the official SDK's
 * lookups.v2.phoneNumbers(n).fetch({fields}): basic auth (Twilio's 401, code 20003),
 * GET /v2/PhoneNumbers/{number} with line_type_intelligence (and line_status) when the
 * Fields parameter asks for them, valid false for a number configured invalid, 404 for one
 * configured unknown. Every request is kept in `requests` (the per-number log tests count);
 * answered lookups are `accepted`. Faults (rejectWith 429/503, delayMs as the lookup's
 * latency) apply to lookups.
 */
import { startFake, type AcceptedBase, type FakeProvider } from './server.ts';
import { DEFAULT_LINE, LOOKUP_PATH, lookupAnswer, lookupFields, type FakeLine } from './lookup-answer.ts';
import { FAKE_TWILIO_SID, FAKE_TWILIO_TOKEN, basicAuth, twilioError } from './twilio.ts';

export type { FakeLine };

export interface LookupAccepted extends AcceptedBase {
  number: string;
  fields: string[];
}

export interface FakeTwilioLookup extends FakeProvider<LookupAccepted> {
  accountSid: string;
  authToken: string;
  /** Configure how a number is answered (E.164). Unconfigured numbers: a mobile at "Fake Wireless". */
  setLine(number: string, line: FakeLine): void;
  /** Lookup requests (answered or not) made for a number. */
  lookupsOf(number: string): number;
}

export async function startFakeTwilioLookup(options: { accountSid?: string; authToken?: string } = {}): Promise<FakeTwilioLookup> {
  const accountSid = options.accountSid ?? FAKE_TWILIO_SID;
  const authToken = options.authToken ?? FAKE_TWILIO_TOKEN;
  const lines = new Map<string, FakeLine>();
  const PATH = LOOKUP_PATH;

  const fake = await startFake<LookupAccepted>({
    secretHeaders: [],
    authorize: (headers) => {
      const c = basicAuth(headers);
      return c && c.user === accountSid && c.pass === authToken ? null : twilioError(401, 20003, 'Authenticate');
    },
    notFound: (path) => twilioError(404, 20404, `The requested resource ${path} was not found`),
    errorBody: (status, code, message) => twilioError(status, code, message).body,
    serverErrorBody: twilioError(500, 20500, 'Internal Server Error').body,
    routes: [
      {
        method: 'GET',
        pattern: PATH,
        // A lookup is what this fake provides: faults apply to it as to a send.
        send: true,
        handle: (ctx) => {
          const number = decodeURIComponent(ctx.params[0]!);
          const fields = lookupFields(ctx.query);
          const answer = lookupAnswer(number, fields, lines.get(number) ?? DEFAULT_LINE);
          if (answer.status !== 200) return { error: answer };
          return { accept: { id: number, at: new Date(), sendKey: null, touchRunId: null, number, fields }, response: answer };
        },
      },
    ],
  });

  return {
    ...fake,
    accountSid,
    authToken,
    setLine: (number, line) => void lines.set(number, line),
    lookupsOf: (number) => fake.requests.filter((r) => PATH.exec(r.path) && decodeURIComponent(PATH.exec(r.path)![1]!) === number).length,
  };
}
