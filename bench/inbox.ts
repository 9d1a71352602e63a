/**
 * AI inbox benchmark (issue 17): what the rules path of reply understanding costs.
 * 10,000 replies that the rules tag without a model (out of office, automatic replies,
 * "no thanks", "stop texting me", a bounce-like "not interested") are ingested through
 * the receipts drain (brain.drain_webhook_receipts, batches of 500, one session), once
 * with the AI stage on (each reply tagged in the drain's transaction, no job) and once
 * with it off (revenue.post_process = off: no tag, no job), in the same run, on fresh
 * leads of the same shape each time, rounds alternating. The figure is the extra time per
 * reply (target ≤ 0.5 ms); the ratio is on ÷ off. Targets are reported, never asserted.
 *
 *   node --import tsx bench/inbox.ts        (or: make bench)
 *   BENCH_INBOX_REPLIES=10000 BENCH_ROUNDS=3 BENCH_INBOX_DB=revenue_os_bench_inbox BENCH_KEEP=1
 */
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { setLogLevel } from '../lib/log.ts';
import { dropDatabase, freshDatabase, heading, line, ms, record } from './lib.ts';

const DB = process.env.BENCH_INBOX_DB ?? 'revenue_os_bench_inbox';
const REPLIES = Number(process.env.BENCH_INBOX_REPLIES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SENDER = '+13055550900';

/** Replies the rules tag, English and Spanish, in the shapes they arrive in. */
const BODIES = [
  'I am out of the office until Monday with limited access to email.',
  'Estoy de vacaciones, regreso el lunes.',
  'No thanks',
  'Not interested',
  'No me interesa, gracias',
  'This is an automated message, please do not reply to this email.',
  'Stop texting me',
  'Respuesta automática: fuera de la oficina.',
];

async function main(): Promise<void> {
  setLogLevel('error');
  heading(`AI inbox benchmark: ${REPLIES} replies tagged by the rules, ${ROUNDS} rounds`);
  const { url, sql } = await freshDatabase(DB);
  try {
    const [a] = await sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Bench', 'bench-inbox') returning id`;
    const account = a!.id;
    await sql`insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
              values (${account}, 'sms', 'sink', true, ${sql.json({ senders: [{ address: SENDER, persona: 'initial' }] })})`;
    const drainer = postgres(url, { max: 1, onnotice: () => {} });

    let batchNo = 0;
    /** REPLIES receipts from as many new leads; returns how many leads exist now. */
    const fill = async () => {
      batchNo += 1;
      const base = 2_000_000 + batchNo * REPLIES;
      await sql`
        insert into public.leads (account_id, phone, lead_state, source, external_id)
        select ${account}, '+1786' || (${base} + i)::text, 'touched', 'bench', 'inbox-' || (${base} + i)
        from generate_series(1, ${REPLIES}) i`;
      await sql`
        insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type, kind, ordering_key, payload, processed_at)
        select 'twilio', 'message:SMinbox' || (${base} + i), ${account}, 'inbound_sms', 'inbound_message', 'phone:+1786' || (${base} + i),
               jsonb_build_object('provider', 'twilio', 'event_id', 'SMinbox' || (${base} + i), 'channel', 'sms',
                                  'from', '+1786' || (${base} + i), 'to', ${SENDER}::text, 'body', (${BODIES}::text[])[1 + i % ${BODIES.length}]),
               null
        from generate_series(1, ${REPLIES}) i
        order by i`;
      await sql`vacuum analyze public.webhook_receipts, public.leads, public.inbound_messages, public.core_memory_events`;
    };
    /** Drains everything in batches of 500 on one session; the AI stage on or off. */
    const drain = async (postProcess: boolean) => {
      let tagged = 0;
      let jobs = 0;
      const start = performance.now();
      await drainer.begin(async (tx) => {
        await tx`select set_config('revenue.post_process', ${postProcess ? 'on' : 'off'}, false)`;
      });
      for (;;) {
        const [row] = await drainer<{ r: { claimed: number; tagged_by_rules?: number; post_process_jobs?: number } }[]>`
          select brain.drain_webhook_receipts(500, 16) as r`;
        if (row!.r.claimed === 0) break;
        tagged += row!.r.tagged_by_rules ?? 0;
        jobs += row!.r.post_process_jobs ?? 0;
      }
      return { ms: performance.now() - start, tagged, jobs };
    };

    const on: number[] = [];
    const off: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      heading(`round ${round} of ${ROUNDS}`);
      // Alternate which goes first, so a slower moment of the box falls on both sides.
      for (const mode of round % 2 ? ['off', 'on'] : ['on', 'off']) {
        await fill();
        const r = await drain(mode === 'on');
        (mode === 'on' ? on : off).push(r.ms);
        line(`AI stage ${mode}: ${REPLIES} replies drained`, `${ms(r.ms)} (${ms(r.ms / REPLIES)} per reply), tagged by the rules ${r.tagged}, jobs ${r.jobs}`);
        if (mode === 'on' && r.tagged !== REPLIES) throw new Error(`expected every reply tagged by the rules, got ${r.tagged}`);
        if (r.jobs !== 0) throw new Error(`expected no job, got ${r.jobs}`);
      }
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const perReplyOn = median(on) / REPLIES;
    const perReplyOff = median(off) / REPLIES;
    // Paired by round: each round's on and off ran back to back on tables of the same size.
    const overhead = median(on.map((t, i) => (t - off[i]!) / REPLIES));
    heading('summary (medians)');
    line('ingest with the AI stage off, per reply', ms(perReplyOff));
    line('ingest with the rules path on, per reply', ms(perReplyOn));
    line('rules path overhead per reply', `${ms(overhead)} (target ≤ 0.5 ms: ${overhead <= 0.5 ? 'MET' : 'NOT MET'})`);
    const ratio = median(on.map((t, i) => t / off[i]!));
    line('on ÷ off (median of the rounds\' ratios)', ratio.toFixed(2));
    record({
      bench: 'inbox', metric: `rules-path reply tagging, ms per reply over ingest (${REPLIES} replies)`, unit: 'ms',
      figure: overhead, baseline: perReplyOff, ratio,
      target: { of: 'figure', op: '<=', value: 0.5 },
    });
    await drainer.end({ timeout: 5 });
  } finally {
    await sql.end({ timeout: 5 });
    if (!process.env.BENCH_KEEP) await dropDatabase(DB);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
