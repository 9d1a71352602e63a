/**
 * AI inbox benchmark (issue 17): what the rules path of reply understanding costs.
 * 10,000 replies that the rules tag without a model (out of office, automatic replies,
 * "no thanks", "stop texting me") are ingested through the receipts drain
 * (brain.drain_webhook_receipts, batches of 500, one session) with the AI stage off
 * (revenue.post_process = off: no tag, no job): the baseline. Then the same replies are
 * tagged through the rules path, brain.tag_replies_by_rules in batches of 500 on the same
 * session, which is what the drain runs with the AI stage on (no job, no model). Each
 * round on fresh leads of the same shape. The figure is the rules path's time per reply
 * (target ≤ 0.5 ms); the ratio is (ingest + rules path) ÷ ingest. Targets are reported,
 * never asserted.
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

    // Each round: ingest the replies with the AI stage off (the baseline), then tag exactly
    // those replies through the rules path, as the drain does with it on, batches of 500.
    const ingest: number[] = [];
    const tagging: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      heading(`round ${round} of ${ROUNDS}`);
      await fill();
      const r = await drain(false);
      if (r.tagged !== 0 || r.jobs !== 0) throw new Error(`the baseline tagged ${r.tagged} and queued ${r.jobs} jobs`);
      const ids = await sql<{ id: string }[]>`
        select id from public.inbound_messages where account_id = ${account} and classified_at is null order by received_at, id`;
      if (ids.length !== REPLIES) throw new Error(`expected ${REPLIES} untagged replies, found ${ids.length}`);
      let left = 0;
      const start = performance.now();
      for (let i = 0; i < ids.length; i += 500) {
        const [row] = await drainer<{ rest: string[] }[]>`
          select brain.tag_replies_by_rules(${ids.slice(i, i + 500).map((x) => x.id)}::uuid[]) as rest`;
        left += row!.rest.length;
      }
      const tagMs = performance.now() - start;
      if (left !== 0) throw new Error(`${left} replies were left for the model`);
      ingest.push(r.ms);
      tagging.push(tagMs);
      line(`ingest, AI stage off: ${REPLIES} replies drained`, `${ms(r.ms)} (${ms(r.ms / REPLIES)} per reply)`);
      line(`rules path: the same replies tagged`, `${ms(tagMs)} (${ms(tagMs / REPLIES)} per reply), none left for the model`);
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const overhead = median(tagging) / REPLIES;
    const perReplyOff = median(ingest) / REPLIES;
    const ratio = median(tagging.map((t, i) => (ingest[i]! + t) / ingest[i]!));
    heading('summary (medians)');
    line('ingest with the AI stage off, per reply', ms(perReplyOff));
    line('rules path per reply (the overhead)', `${ms(overhead)} (target ≤ 0.5 ms: ${overhead <= 0.5 ? 'MET' : 'NOT MET'})`);
    line('(ingest + rules path) ÷ ingest', ratio.toFixed(2));
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
