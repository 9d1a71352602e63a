/**
 * LeadGen programs (Craigslist per city): the seed's Disabled / Degraded / Live
 * states, health, throughput, output and the last 20 tasks.
 */
import type { FC } from 'hono/jsx';
import type { ProgramDetail, ProgramList } from '../../api/domain/programs.ts';
import { Badge, Csrf, Empty, fmtNum, Guard, Notice, Stat, Table, Time } from '../ui.tsx';

/** What a start or stop answered, shown above the list. */
export type ProgramOutcome = { ok: boolean; message: string; needs_confirmation?: { prompt: string; confirm_text: string } | null; needs_setup?: { reason: string } | null };

export const ProgramsView: FC<{ list: ProgramList; csrf: string; canControl: boolean; outcome?: ProgramOutcome & { city?: string; override?: boolean } }> = ({
  list,
  csrf,
  canControl,
  outcome,
}) => (
  <div id="programs">
    <p class="muted">
      Programs find new leads; they are not outbound campaigns. Live: routing on and tasks done in the last 60 minutes. Degraded:
      routing on, failures and nothing done. Disabled: routing off or no tasks in the last 60 minutes.
    </p>
    {outcome ? (
      <Notice kind={outcome.ok ? 'ok' : outcome.needs_confirmation ? 'info' : 'error'}>
        <span data-testid="program-outcome">{outcome.message}</span>
        {outcome.needs_confirmation && canControl ? (
          <form hx-post="/programs/craigslist/start" hx-target="#programs" hx-swap="outerHTML" class="inline">
            <Csrf token={csrf} />
            <input type="hidden" name="city" value={outcome.city ?? ''} />
            <input type="hidden" name="override" value={String(Boolean(outcome.override))} />
            <input type="hidden" name="confirm" value="true" />
            {' '}<button type="submit" class="small">Confirm</button>
          </form>
        ) : null}
      </Notice>
    ) : null}
    <section class="stats">
      <Stat label="Routing" value={list.routing.active ? 'on' : 'off'} hint={list.routing.configured ? `radius ${list.routing.radius_miles} mi` : 'not configured'} tone={list.routing.active ? undefined : 'bad'} />
      <Stat label="Programs" value={String(list.programs.length)} />
      <Stat label="Live" value={String(list.programs.filter((p) => p.state === 'live').length)} />
    </section>
    <Guard allowed={canControl}>
      <form hx-post="/programs/craigslist/start" hx-target="#programs" hx-swap="outerHTML" class="inline-fields" id="start-program">
        <Csrf token={csrf} />
        <label>City<input name="city" required placeholder="miami" maxlength={60} /></label>
        <label><input type="checkbox" name="override" value="true" /> Start without routing (override)</label>
        <button type="submit">Start Craigslist</button>
      </form>
    </Guard>
    {list.programs.length === 0 ? (
      <Empty>No program has run yet. Start one above or say “prende craigslist miami” in Command OS.</Empty>
    ) : (
      <Table id="program-list">
        <thead>
          <tr>
            <th>Program</th><th>State</th><th>Why</th><th class="num">Done 60 m</th><th class="num">Failed 60 m</th>
            <th class="num">Claimed 15 m</th><th class="num">Leads 60 m / 24 h</th><th>Last success</th><th></th>
          </tr>
        </thead>
        <tbody>
          {list.programs.map((p) => (
            <tr data-program={p.key} data-state={p.state}>
              <td><a href={`/programs/${encodeURIComponent(p.key)}`}>{p.name}</a></td>
              <td><Badge value={p.state_label} tone={p.state === 'live' ? 'ok' : p.state === 'degraded' ? 'warn' : p.state === 'starting' ? 'info' : 'muted'} /></td>
              <td><small>{p.state_reason}</small></td>
              <td class="num">{fmtNum(p.done_60m)}</td>
              <td class="num">{fmtNum(p.failed_60m)}</td>
              <td class="num">{fmtNum(p.claimed_15m)}</td>
              <td class="num">{fmtNum(p.leads_60m)} / {fmtNum(p.leads_24h)}</td>
              <td><Time at={p.last_success_at} /></td>
              <td>
                <Guard allowed={canControl}>
                  <form hx-post={`/programs/craigslist/${encodeURIComponent(p.city)}/stop`} hx-target="#programs" hx-swap="outerHTML" class="inline" hx-confirm={`Stop Craigslist ${p.city}?`}>
                    <Csrf token={csrf} />
                    <button type="submit" class="secondary outline small">Stop</button>
                  </form>
                </Guard>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    )}
  </div>
);

export const ProgramDetailView: FC<{ p: ProgramDetail; csrf: string; canControl: boolean }> = ({ p, csrf, canControl }) => (
  <div id="program" data-state={p.state}>
    <p>
      <Badge value={p.state_label} tone={p.state === 'live' ? 'ok' : p.state === 'degraded' ? 'warn' : 'muted'} /> {p.state_reason}
    </p>
    <p class="muted">Next: {p.next_action}</p>
    <section class="stats">
      <Stat label="Routing active" value={p.health.routing_active ? 'yes' : 'no'} />
      <Stat label="Claimed / done, 15 m" value={`${p.health.worker_health.claimed_15m} / ${p.health.worker_health.done_15m}`} />
      <Stat label="Last success" value={<Time at={p.health.last_success_at} />} />
      <Stat label="Leads 60 m / 24 h" value={`${p.output.leads_60m} / ${p.output.leads_24h}`} />
    </section>
    <div class="grid-2">
      <section>
        <h2>Tasks, last 60 minutes</h2>
        <Table id="throughput">
          <thead><tr><th>Status</th><th class="num">Tasks</th></tr></thead>
          <tbody>
            {Object.entries(p.throughput.by_status).map(([k, v]) => (
              <tr data-status={k}><td>{k}</td><td class="num">{fmtNum(v)}</td></tr>
            ))}
          </tbody>
        </Table>
      </section>
      <section>
        <h2>Top errors</h2>
        {p.throughput.top_errors.length === 0 ? <Empty>No errors in the last 60 minutes.</Empty> : (
          <Table>
            <thead><tr><th>Error</th><th class="num">Count</th></tr></thead>
            <tbody>{p.throughput.top_errors.map((e) => <tr><td><code>{e.error}</code></td><td class="num">{e.n}</td></tr>)}</tbody>
          </Table>
        )}
      </section>
    </div>
    <section>
      <h2>Last 20 tasks</h2>
      <Table id="events">
        <thead><tr><th>Created</th><th>Type</th><th>Status</th><th>Posting</th><th class="num">Attempts</th><th>Error</th><th>Lead</th></tr></thead>
        <tbody>
          {p.events.map((e) => (
            <tr data-status={e.status}>
              <td><Time at={e.created_at} /></td><td>{e.task_type}</td><td><Badge value={e.status} /></td>
              <td><small>{e.external_id ?? '—'}</small></td><td class="num">{e.attempts}</td>
              <td><small>{e.last_error ?? ''}</small></td>
              <td>{e.lead_id ? <a href={`/leads/${e.lead_id}`}>lead</a> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
    <Guard allowed={canControl}>
      <form hx-post={`/programs/craigslist/${encodeURIComponent(p.city)}/stop`} hx-target="#program" hx-swap="outerHTML" hx-select="#programs" class="inline">
        <Csrf token={csrf} />
        <button type="submit" class="secondary">Stop {p.name}</button>
      </form>
    </Guard>
    <p class="muted"><small>Command OS: “{p.commands.start.es}” / “{p.commands.stop.es}”.</small></p>
  </div>
);
