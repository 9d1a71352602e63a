/**
 * The lead page's reachability in the "why" panel (issue 19): what enrichment learned
 * (pending with its deadline, done, failed with its reason) and, per channel, whether a
 * touch can reach the lead and why not. Data: the enrichment and reachability keys of
 * public.lead_page (v_lead_reachability_v1: the claim's rules, decided in SQL).
 */
import type { FC } from 'hono/jsx';
import type { LeadEnrichment, LeadReachability } from '../../api/domain/leads.ts';
import { Badge, Table, Time } from '../ui.tsx';

/** The reason codes of brain.address_problem and the claim, in words. */
const REASON: Record<string, string> = {
  suppressed: 'the lead is suppressed or unsubscribed',
  channel_suppressed: 'suppressed on this channel',
  unreachable: 'no address for this channel',
  phone_invalid: 'the number is invalid',
  phone_disconnected: 'the number is disconnected',
  phone_not_mobile: 'a landline: no texts',
  email_invalid_syntax: 'the address is not valid',
  email_no_mx: 'the domain takes no mail (no MX)',
  email_hard_bounced: 'the address hard-bounced',
  email_disposable: 'a disposable address',
  email_role_address: 'a role address: only campaigns that allow them',
};

function duration(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

export const LeadReachabilityPanel: FC<{ enrichment: LeadEnrichment; rows: LeadReachability[] }> = ({ enrichment: e, rows }) => {
  const waiting = rows.find((r) => r.wait_until && !r.timed_out);
  const timedOut = rows.some((r) => r.timed_out);
  const wait = e.wait_seconds ?? 0;
  return (
    <div id="reachability" data-enrichment-status={e.status ?? 'none'}>
      <h3>Reachability</h3>
      <p data-testid="enrichment">
        {e.status === 'pending' && timedOut ? (
          <>
            <Badge value="enrichment timed out" tone="warn" /> Enrichment still pending after {duration(wait)} — went ahead with what is known.
          </>
        ) : e.status === 'pending' && waiting ? (
          <>
            <Badge value="enrichment pending" tone="warn" /> Checking the phone and email; touches wait until <Time at={waiting.wait_until} /> at most.
          </>
        ) : e.status === 'pending' ? (
          <><Badge value="enrichment pending" tone="warn" /> Checking the phone and email; touches do not wait for it.</>
        ) : e.status === 'done' ? (
          <><Badge value="enriched" tone="ok" /> Checked <Time at={e.finished_at} />{e.reason ? <small class="muted"> · {e.reason}</small> : null}</>
        ) : e.status === 'failed' ? (
          <><Badge value="enrichment failed" tone="bad" /> {e.reason ?? 'no reason recorded'} <small class="muted">(<Time at={e.finished_at} />)</small> — going ahead with what is known.</>
        ) : (
          <span class="muted">Not enriched (no phone or email, or recorded before enrichment existed).</span>
        )}
        {e.phone_carrier ? <small class="muted"> · carrier {e.phone_carrier}</small> : null}
      </p>
      <Table id="reachability-channels">
        <thead><tr><th>Channel</th><th>Reachable</th><th>Why</th><th>Decided by</th><th>Checked</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr data-channel={r.channel} data-reachable={String(r.reachable)} data-reason={r.reason ?? ''}>
              <td>{r.channel}</td>
              <td>{r.reachable ? <Badge value="yes" tone="ok" /> : <Badge value="no" tone="bad" />}</td>
              <td>
                {r.reason ? <>{REASON[r.reason] ?? r.reason} <small class="muted"><code>{r.reason}</code></small></> : null}
                {r.wait_until && !r.timed_out ? <small class="muted">waits for enrichment until <Time at={r.wait_until} /></small> : null}
              </td>
              <td>{r.decided_by ?? '—'}</td>
              <td><Time at={r.checked_at} /></td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
};
