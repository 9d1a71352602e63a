/** Fake provider servers for tests: real SDKs, pointed at 127.0.0.1. */
export * from './server.ts';
export * from './twilio.ts';
export * from './telnyx.ts';
export * from './elastic.ts';
export * from './slack.ts';
export * from './calendly.ts';
export * from './twilio-lookup.ts';
export * from './dns.ts';
