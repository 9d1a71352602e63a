/**
 * The Team page (settings): members with their roles, open invites, and the
 * invite form. Owners change roles, remove members and revoke invites; others
 * see the same page with the forms disabled.
 */
import type { FC } from 'hono/jsx';
import type { TeamData } from '../../api/domain/team.ts';
import { ROLES } from '../../lib/passwords.ts';
import { Badge, Csrf, Empty, Guard, Notice, Table, Time } from '../ui.tsx';

export interface TeamNotice {
  kind: 'ok' | 'error' | 'info';
  text: string;
  /** A link shown once (an invite that could not be emailed). */
  link?: string;
}

const RoleSelect: FC<{ name: string; value?: string; id?: string }> = ({ name, value, id }) => (
  <select name={name} id={id} aria-label="Role">
    {ROLES.map((r) => (
      <option value={r} selected={r === (value ?? 'setter')}>{r}</option>
    ))}
  </select>
);

export const TeamPage: FC<{ team: TeamData; csrf: string; me: string; canManage: boolean; notice?: TeamNotice }> = ({
  team,
  csrf,
  me,
  canManage,
  notice,
}) => (
  <div id="team">
    <p><a href="/settings">← Settings</a></p>
    {notice ? (
      <Notice kind={notice.kind}>
        {notice.text}
        {notice.link ? (
          <>
            {' '}
            <code id="invite-link">{notice.link}</code>
          </>
        ) : null}
      </Notice>
    ) : null}
    <section>
      <h2>Members</h2>
      <Table id="members">
        <thead>
          <tr><th>Name</th><th>Email</th><th>Role</th><th>Last login</th><th></th></tr>
        </thead>
        <tbody>
          {team.members.map((m) => (
            <tr data-member={m.email}>
              <td>{m.display_name ?? '—'}{m.user_id === me ? <small class="muted"> (you)</small> : null}</td>
              <td>{m.email}</td>
              <td>
                <Guard allowed={canManage}>
                  <form method="post" action={`/settings/team/members/${m.user_id}/role`} class="inline">
                    <Csrf token={csrf} />
                    <fieldset role="group">
                      <RoleSelect name="role" value={m.role} />
                      <button type="submit" class="secondary small">Change</button>
                    </fieldset>
                  </form>
                </Guard>
              </td>
              <td><Time at={m.last_login_at} /></td>
              <td>
                <Guard allowed={canManage}>
                  <form method="post" action={`/settings/team/members/${m.user_id}/remove`} class="inline">
                    <Csrf token={csrf} />
                    <button type="submit" class="secondary outline small">Remove</button>
                  </form>
                </Guard>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <p class="muted"><small>A role change applies from the member's next request; removing a member logs them out of this account.</small></p>
    </section>
    <section>
      <h2>Invites</h2>
      {team.invites.length === 0 ? (
        <Empty>No open invites.</Empty>
      ) : (
        <Table id="invites">
          <thead>
            <tr><th>Email</th><th>Role</th><th>Link</th><th>Expires</th><th></th></tr>
          </thead>
          <tbody>
            {team.invites.map((i) => (
              <tr data-invite={i.email}>
                <td>{i.email}</td>
                <td>{i.role}</td>
                <td>
                  {i.delivery === 'shown' ? (
                    <Badge value="shown once" tone="muted" />
                  ) : i.emailed_at ? (
                    <Badge value="emailed" tone="ok" />
                  ) : i.email_error ? (
                    <span title={i.email_error}><Badge value="email failed" tone="bad" /></span>
                  ) : (
                    <Badge value="email queued" tone="info" />
                  )}
                </td>
                <td>{i.expired ? <Badge value="expired" tone="muted" /> : <Time at={i.expires_at} />}</td>
                <td>
                  <Guard allowed={canManage}>
                    <form method="post" action={`/settings/team/invites/${i.id}/revoke`} class="inline">
                      <Csrf token={csrf} />
                      <button type="submit" class="secondary outline small">Revoke</button>
                    </form>
                  </Guard>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Guard allowed={canManage}>
        <form method="post" action="/settings/team/invite" id="invite-form">
          <Csrf token={csrf} />
          <fieldset class="grid">
            <label>Email<input name="email" type="email" required maxlength={320} autocomplete="off" /></label>
            <label>Role<RoleSelect name="role" id="invite-role" /></label>
          </fieldset>
          <button type="submit">Send invite</button>
          <p class="muted"><small>The link is valid for 7 days. It is emailed when the account has an email provider; otherwise it is shown here once.</small></p>
        </form>
      </Guard>
    </section>
  </div>
);
