/**
 * Slack's Web API, as the AI inbox uses it (issue 17, seed 003 §9): find the setter by
 * email (users.lookupByEmail), open a DM with them (conversations.open), post the
 * review (chat.postMessage) with an "Approve & Send" button, and rewrite it once the
 * draft is decided (chat.update). Plain fetch against
 * SLACK_API_BASE_URL (default https://slack.com/api), with a time-out; Slack answers
 * HTTP 200 with {ok: false, error} for most failures, and that error code (never the
 * token) is what the caller records.
 */

export interface SlackApi {
  lookupUserByEmail(email: string): Promise<SlackResult<{ userId: string }>>;
  openDm(userId: string): Promise<SlackResult<{ channelId: string }>>;
  postMessage(channel: string, text: string, blocks: unknown[]): Promise<SlackResult<{ channelId: string; ts: string }>>;
  updateMessage(channel: string, ts: string, text: string, blocks: unknown[]): Promise<SlackResult<object>>;
}

export type SlackResult<T> = ({ ok: true } & T) | { ok: false; error: string };

export function createSlackApi(options: { token: string; apiBaseUrl: string; timeoutMs: number }): SlackApi {
  async function call(method: string, body: Record<string, unknown>, form = false): Promise<{ ok: boolean; error?: string } & Record<string, unknown>> {
    let response: Response;
    try {
      response = await fetch(`${options.apiBaseUrl}/${method}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.token}`,
          'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json; charset=utf-8',
        },
        body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      return { ok: false, error: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network_error' };
    }
    if (response.status === 429) return { ok: false, error: 'ratelimited' };
    if (!response.ok) return { ok: false, error: `http_${response.status}` };
    try {
      return (await response.json()) as { ok: boolean; error?: string };
    } catch {
      return { ok: false, error: 'invalid_response' };
    }
  }
  const failed = (r: { error?: string }) => ({ ok: false as const, error: String(r.error ?? 'unknown_error').slice(0, 100) });

  return {
    async lookupUserByEmail(email) {
      // users.lookupByEmail takes form arguments, not JSON.
      const r = await call('users.lookupByEmail', { email }, true);
      const id = (r.user as { id?: unknown } | undefined)?.id;
      return r.ok && typeof id === 'string' ? { ok: true, userId: id } : failed(r);
    },
    async openDm(userId) {
      const r = await call('conversations.open', { users: userId });
      const id = (r.channel as { id?: unknown } | undefined)?.id;
      return r.ok && typeof id === 'string' ? { ok: true, channelId: id } : failed(r);
    },
    async updateMessage(channel, ts, text, blocks) {
      const r = await call('chat.update', { channel, ts, text, blocks });
      return r.ok ? { ok: true } : failed(r);
    },
    async postMessage(channel, text, blocks) {
      const r = await call('chat.postMessage', { channel, text, blocks, unfurl_links: false });
      return r.ok && typeof r.channel === 'string' && typeof r.ts === 'string' ? { ok: true, channelId: r.channel, ts: r.ts } : failed(r);
    },
  };
}

export interface ReviewPost {
  draft_id: string;
  account_id: string;
  lead_id: string;
  lead_name?: string;
  lead_address?: string;
  channel: string;
  tag: string;
  reply?: string;
  draft: string;
  subject?: string;
  confidence?: number;
  threshold?: number;
  reason: string;
}

/** Slack mrkdwn needs &, < and > escaped; everything else is shown as written. */
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const quote = (s: string) => escape(s).split('\n').map((line) => `>${line}`).join('\n');

/** The review post once decided: the same, with what happened in place of the buttons (and the link kept). */
export function decidedBlocks(post: ReviewPost & { status: string; decided_by?: string; decision_reason?: string; touch_status?: string }, consoleUrl: string): { text: string; blocks: unknown[] } {
  const by = post.decided_by?.startsWith('slack:')
    ? `<@${post.decided_by.slice(6).split(' ')[0]}>`
    : post.decided_by === 'auto_send' ? 'auto-send' : post.decided_by?.startsWith('user:') ? 'a person in the console' : 'the system';
  const outcome =
    post.status === 'sent' ? `Sent (approved by ${by}).`
      : post.status === 'approved' ? `Approved by ${by}: queued, the dispatcher sends it (consent and the send window still apply).`
        : post.status === 'rejected' ? `Rejected${post.decision_reason ? `: ${post.decision_reason}` : ''}.`
          : 'Waiting for review.';
  const base = reviewBlocks(post, consoleUrl);
  const blocks = base.blocks.filter((b) => (b as { type: string }).type !== 'actions' && (b as { type: string }).type !== 'context');
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escape(outcome).replace(/&lt;(@[UW][A-Z0-9]+)&gt;/, '<$1>') }] });
  blocks.push({ type: 'actions', block_id: `review_done_${post.draft_id}`, elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in console' }, url: consoleUrl, action_id: 'view_dashboard' }] });
  return { text: `${base.text.replace(/; a draft answer needs your review\.$/, '.')} ${outcome}`, blocks };
}

/** The review post: who replied and what, the draft, why it needs a person, and the two buttons. */
export function reviewBlocks(post: ReviewPost, consoleUrl: string): { text: string; blocks: unknown[] } {
  const who = post.lead_name ?? post.lead_address ?? 'A lead';
  const confidence = typeof post.confidence === 'number'
    ? `confidence ${post.confidence.toFixed(2)}${typeof post.threshold === 'number' ? ` (auto-send at ${post.threshold.toFixed(2)})` : ''}`
    : 'no confidence score';
  const text = `${who} replied (${post.tag}); a draft answer needs your review.`;
  const blocks: unknown[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${escape(who)}* replied on ${escape(post.channel)} · *${escape(post.tag)}*` } },
    ...(post.reply ? [{ type: 'section', text: { type: 'mrkdwn', text: quote(post.reply.slice(0, 500)) } }] : []),
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*Draft${post.subject ? `: ${escape(post.subject)}` : ''}*\n${quote(post.draft.slice(0, 1500))}` },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: escape(`Needs review: ${post.reason} · ${confidence}`) }] },
    {
      type: 'actions',
      block_id: `review_actions_${post.draft_id}`,
      elements: [
        { type: 'button', text: { type: 'plain_text', text: 'Open in console' }, url: consoleUrl, action_id: 'view_dashboard' },
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Approve & Send' },
          style: 'primary',
          action_id: 'approve_send',
          value: JSON.stringify({ draft_id: post.draft_id, account_id: post.account_id }),
        },
      ],
    },
  ];
  return { text, blocks };
}
