/**
 * Reading an emailed reply (lib/email-reply.ts, lib/inbound-email.ts): the text a person
 * wrote without the quoted original and the signature, and what the headers say (a DSN
 * bounce, an automatic reply) before any model. No database.
 */
import { describe, expect, it } from 'vitest';
import { replyText, stripSignOff } from '../lib/email-reply.ts';
import { EmailInputError, MAX_HEADER_LINES, MAX_MULTIPART, readJson, readMime } from '../lib/inbound-email.ts';

const mime = (headers: string[], body: string) => Buffer.from([...headers, '', body].join('\r\n'), 'utf8');

describe('replyText: the words a person wrote', () => {
  const cases: [string, string, string][] = [
    ['Gmail "On … wrote:" and > lines', 'Yes, Tuesday at 3pm works.\n\nOn Mon, Jan 5, 2026 at 10:00 AM Sales <sales@acme.test> wrote:\n> Would you like a quote?\n> Best', 'Yes, Tuesday at 3pm works.'],
    ['a header wrapped over two lines', 'Sounds good.\n\nOn Mon, Jan 5, 2026 at 10:00 AM Acme Motors Sales Team <\nsales@acme.test> wrote:\n> Hi', 'Sounds good.'],
    ['Spanish "El … escribió:"', 'Sí, me interesa.\n\nEl lun, 5 ene 2026 a las 10:00, Ventas (<ventas@acme.test>) escribió:\n> Hola', 'Sí, me interesa.'],
    ['Outlook "-----Original Message-----"', 'Call me at 4.\n\n-----Original Message-----\nFrom: Sales <sales@acme.test>\nSent: Monday, January 5, 2026 10:00 AM\nSubject: Quote\n\nHi Bob', 'Call me at 4.'],
    ['Outlook "From: … Sent: …" block', 'Works for me.\n\nFrom: Sales <sales@acme.test>\nSent: Monday, January 5, 2026 10:00 AM\nTo: bob@example.com\nSubject: RE: Quote\n\nHi Bob', 'Works for me.'],
    ['"Sent from my iPhone"', 'Interested!\n\nSent from my iPhone', 'Interested!'],
    ['the "-- " delimiter', "Great, let's talk.\n\n-- \nJohn Smith\nCEO, Widgets Inc.\n+1 305 555 0100", "Great, let's talk."],
    ['a sign-off and a name', 'Yes please send the price list.\n\nThanks,\nMaria', 'Yes please send the price list.'],
    ['a Spanish sign-off', 'Me interesa el azul.\n\nSaludos cordiales,\nJuan Pérez\nGerente', 'Me interesa el azul.'],
    ['CRLF line ends', 'Yes.\r\n\r\nOn Tue, Jan 6, 2026 at 9:00 AM Sales <sales@acme.test> wrote:\r\n> Hi', 'Yes.'],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => expect(replyText(text)).toBe(want));
  }

  it('keeps a reply that is only a sign-off, and what follows a sign-off that is not a name', () => {
    expect(replyText('Thanks!')).toBe('Thanks!');
    expect(stripSignOff('Sounds good.\nThanks,\nbut what is the price of the red one, and can I come on Saturday morning at nine?'))
      .toContain('Saturday');
  });

  it('a bare forward (nothing above the quote) is an empty reply, never our own words', () => {
    expect(replyText('On Mon, Jan 5, 2026 at 10:00 AM Sales <sales@acme.test> wrote:\n> Our best offer: 10% off')).toBe('');
  });

  it('reads only the first 16 KB, so a hostile line cannot make it slow', () => {
    const started = performance.now();
    expect(replyText('12.12.2020' + '1'.repeat(200_000)).length).toBeGreaterThan(0);
    expect(replyText('On ' + 'a '.repeat(100_000)).length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('readMime: what the headers say', () => {
  it('a reply: bare addresses, the ids that thread it, the reply text', async () => {
    const email = await readMime(mime([
      'From: "Maria Lopez" <Maria.Lopez@Example.com>',
      'To: Sales <sales@acme.test>',
      'Cc: boss@example.com, "Ann" <ann@example.com>',
      'Subject: =?utf-8?q?Re:_Caf=C3=A9_offer?=',
      'Message-ID: <CAF123@mail.example.com>',
      'In-Reply-To: <rv.abc@acme.test>',
      'References: <first@acme.test>\r\n <rv.abc@acme.test>',
      'Content-Type: text/plain; charset=utf-8',
    ], 'Yes please.\r\n\r\nOn Mon, Jan 5, 2026 at 10:00 AM Sales <sales@acme.test> wrote:\r\n> Offer'));
    expect(email).toMatchObject({
      eventId: 'caf123@mail.example.com',
      messageId: '<caf123@mail.example.com>',
      from: 'maria.lopez@example.com',
      fromName: 'Maria Lopez',
      to: ['sales@acme.test'],
      cc: ['boss@example.com', 'ann@example.com'],
      subject: 'Re: Café offer',
      inReplyTo: '<rv.abc@acme.test>',
      references: ['<first@acme.test>', '<rv.abc@acme.test>'],
      reply: 'Yes please.',
      autoKind: null,
      bouncedAddresses: [],
    });
    expect(email.text).toContain('> Offer');
  });

  it('a text in Latin-1 is read in its charset', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: a@example.com\r\nTo: sales@acme.test\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n', 'latin1'),
      Buffer.from('S\xed, gracias', 'latin1'),
    ]);
    expect((await readMime(raw)).reply).toBe('Sí, gracias');
  });

  it('a DSN (multipart/report; report-type=delivery-status): a bounce, its failed recipients, our Message-ID to thread it', async () => {
    const email = await readMime(mime([
      'From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>',
      'To: sales@acme.test',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn1@mx.example.net>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    ], [
      '--B', 'Content-Type: text/plain', '', 'Your message could not be delivered.', '',
      '--B', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.example.net', '',
      'Final-Recipient: rfc822; Pat@Example.com', 'Action: failed', 'Status: 5.1.1', '',
      'Final-Recipient: rfc822; other@example.com', 'Action: delayed', 'Status: 4.4.1', '',
      '--B', 'Content-Type: text/rfc822-headers', '', 'From: sales@acme.test', 'To: pat@example.com', 'Message-ID: <rv.pat1@acme.test>', '',
      '--B--', '',
    ].join('\r\n')));
    expect(email.autoKind).toBe('bounce');
    expect(email.bouncedAddresses).toEqual(['pat@example.com']);
    expect(email.references).toEqual(['<rv.pat1@acme.test>']);
    expect(email.autoReason).toBe('delivery status notification (failed: pat@example.com)');
  });

  it('a delay notice is not a bounce; a mailer-daemon sender without a report is', async () => {
    const delayed = await readMime(mime([
      'From: MAILER-DAEMON@mx.example.net', 'To: sales@acme.test',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    ], ['--B', 'Content-Type: message/delivery-status', '', 'Final-Recipient: rfc822; pat@example.com', 'Action: delayed', '', '--B--', ''].join('\r\n')));
    expect([delayed.autoKind, delayed.bouncedAddresses]).toEqual(['auto_reply', []]);
    const daemon = await readMime(mime(['From: postmaster@mx.example.net', 'To: sales@acme.test', 'X-Failed-Recipients: pat@example.com', 'Subject: failure'], 'no such user'));
    expect([daemon.autoKind, daemon.bouncedAddresses]).toEqual(['bounce', ['pat@example.com']]);
  });

  it('automatic replies by Auto-Submitted, X-Autoreply, X-Autorespond, Precedence; Auto-Submitted: no is a person', async () => {
    const kind = async (header: string) => (await readMime(mime(['From: pat@example.com', 'To: sales@acme.test', header], 'Away'))).autoKind;
    expect(await kind('Auto-Submitted: auto-replied')).toBe('auto_reply');
    expect(await kind('X-Autoreply: yes')).toBe('auto_reply');
    expect(await kind('X-Autorespond: 1')).toBe('auto_reply');
    expect(await kind('Precedence: bulk')).toBe('auto_reply');
    expect(await kind('Precedence: junk')).toBe('auto_reply');
    expect(await kind('Auto-Submitted: no')).toBeNull();
    expect(await kind('Precedence: list')).toBeNull();
  });

  it('refuses what it cannot bound: header lines, nesting, recipients, no sender', async () => {
    const tooMany = Array.from({ length: MAX_HEADER_LINES + 1 }, (_, i) => `X-H${i}: v`);
    await expect(readMime(mime(['From: a@example.com', 'To: b@example.com', ...tooMany], 'x'))).rejects.toThrow(EmailInputError);
    const nested = Array.from({ length: MAX_MULTIPART + 1 }, (_, i) => `--B${i}\r\nContent-Type: multipart/mixed; boundary="B${i + 1}"\r\n`).join('\r\n');
    await expect(readMime(mime(['From: a@example.com', 'To: b@example.com', 'Content-Type: multipart/mixed; boundary="B0"'], nested)))
      .rejects.toThrow(/nests more than 20 multipart/);
    const many = Array.from({ length: 101 }, (_, i) => `p${i}@example.com`).join(', ');
    await expect(readMime(mime(['From: a@example.com', `To: ${many}`], 'x'))).rejects.toThrow(/at most 100 addresses/);
    await expect(readMime(mime(['To: b@example.com'], 'x'))).rejects.toThrow(/no sender/);
  });
});

describe('readJson: a mail host\'s JSON reads like MIME', () => {
  it('fields, bare ids bracketed, headers read for automatic replies, no header injection', async () => {
    const email = await readJson({
      from: 'Pat <PAT@example.com>',
      to: ['sales@acme.test'],
      cc: [{ address: 'jordan@example.com', name: 'Jordan' }],
      subject: 'Re: quote',
      text: 'Ok!\n\nOn Mon, Jan 5, 2026 at 10:00 AM Sales <sales@acme.test> wrote:\n> offer',
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Evil': 'a\r\nBcc: victim@example.com' },
      message_id: 'abc@mail.example.com',
      in_reply_to: 'rv.1@acme.test',
      references: ['<rv.0@acme.test>', 'rv.1@acme.test'],
    });
    expect(email).toMatchObject({
      from: 'pat@example.com', to: ['sales@acme.test'], cc: ['jordan@example.com'], eventId: 'abc@mail.example.com',
      inReplyTo: '<rv.1@acme.test>', references: ['<rv.0@acme.test>', '<rv.1@acme.test>'], reply: 'Ok!', autoKind: 'auto_reply',
    });
    expect(email.cc).not.toContain('victim@example.com');
  });

  it('html only: its text is read; no message id: a digest of the content, the same for a retry', async () => {
    const body = { from: 'pat@example.com', to: 'sales@acme.test', html: '<p>Yes, <b>call me</b></p>' };
    const a = await readJson(body);
    const b = await readJson(body);
    expect(a.reply).toBe('Yes, call me');
    expect(a.eventId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b.eventId).toBe(a.eventId);
  });

  it('refuses a body it does not understand, naming the field', async () => {
    await expect(readJson([])).rejects.toMatchObject({ path: '(root)' });
    await expect(readJson({ to: 'sales@acme.test', text: 'x' })).rejects.toMatchObject({ path: 'from' });
    await expect(readJson({ from: 'a@example.com', to: 'b@example.com', subject: 5 })).rejects.toMatchObject({ path: 'subject' });
    await expect(readJson({ from: 'a@example.com', to: 'b@example.com', headers: { 'X-A': { deep: 1 } } })).rejects.toMatchObject({ path: 'headers.X-A' });
  });
});
