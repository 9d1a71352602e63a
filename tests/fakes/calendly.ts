/**
 * A fake Calendly API v2 on 127.0.0.1: GET /users/me with a Bearer token;
 * Calendly's 401 shape `{ title, message }` otherwise.
 */
import type http from 'node:http';
import { startFake, type AcceptedBase, type FakeProvider } from './server.ts';

export const FAKE_CALENDLY_TOKEN = 'fake-calendly-personal-access-token-0001';

export interface FakeCalendly extends FakeProvider<AcceptedBase> {
  apiToken: string;
}

const bearer = (h: http.IncomingHttpHeaders): string | null => (h.authorization?.startsWith('Bearer ') ? h.authorization.slice(7) : null);

export async function startFakeCalendly(options: { apiToken?: string } = {}): Promise<FakeCalendly> {
  const apiToken = options.apiToken ?? FAKE_CALENDLY_TOKEN;
  const fake = await startFake<AcceptedBase>({
    secretHeaders: [],
    authorize: (headers) =>
      bearer(headers) === apiToken ? null : { status: 401, body: { title: 'Unauthenticated', message: 'The access token is invalid' } },
    notFound: () => ({ status: 404, body: { title: 'Resource Not Found', message: 'The server could not find the requested resource.' } }),
    errorBody: (_status, code, message) => ({ title: String(code), message }),
    serverErrorBody: { title: 'Internal Server Error', message: 'Something went wrong' },
    routes: [
      {
        method: 'GET',
        pattern: /^\/users\/me$/,
        send: false,
        handle: () => ({
          response: {
            status: 200,
            body: {
              resource: {
                uri: 'https://api.calendly.com/users/AAAA', name: 'Fake Dealer Sales', slug: 'fake-dealer',
                email: 'sales@fake-dealer.example.com', timezone: 'America/New_York', current_organization: 'https://api.calendly.com/organizations/BBBB',
              },
            },
          },
        }),
      },
    ],
  });
  return Object.assign(fake, { apiToken });
}
