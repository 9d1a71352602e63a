/**
 * The page an invite link opens (no session needed): join as a new user with a
 * name and password, log in first, or join as the user already logged in.
 * Links that open nothing get a page that says why.
 */
import type { Child, FC } from 'hono/jsx';
import { Document } from '../layout.tsx';
import { Notice } from '../ui.tsx';

const Frame: FC<{ title: string; children?: Child }> = ({ title, children }) => (
  <Document title={title}>
    <main class="container login">
      <article>
        <header>
          <h1>Revenue OS</h1>
          <p class="muted">{title}</p>
        </header>
        {children}
      </article>
    </main>
  </Document>
);

export type InviteView =
  | { kind: 'closed'; message: string }
  | { kind: 'new_user'; account: string; email: string; role: string; error?: string; displayName?: string }
  | { kind: 'log_in'; account: string; email: string; role: string; next: string }
  | { kind: 'join'; account: string; email: string; role: string; csrf: string; error?: string }
  | { kind: 'other_user'; account: string; email: string; me: string; csrf: string }
  | { kind: 'joined'; account: string };

export const InvitePage: FC<{ v: InviteView; action: string }> = ({ v, action }) => {
  switch (v.kind) {
    case 'closed':
      return (
        <Frame title="Invite">
          <Notice kind="error">{v.message}</Notice>
          <p><a href="/login">Go to the login page</a></p>
        </Frame>
      );
    case 'new_user':
      return (
        <Frame title={`Join ${v.account}`}>
          <p>You are invited to <strong>{v.account}</strong> as <strong>{v.role}</strong>. Choose your name and a password for <strong>{v.email}</strong>.</p>
          {v.error ? <Notice kind="error">{v.error}</Notice> : null}
          <form method="post" action={action}>
            <label>Your name<input name="display_name" required maxlength={200} autocomplete="name" value={v.displayName ?? ''} /></label>
            <label>Password <small class="muted">(at least 10 characters)</small><input name="password" type="password" required minlength={10} maxlength={200} autocomplete="new-password" /></label>
            <label>Password again<input name="password_again" type="password" required minlength={10} maxlength={200} autocomplete="new-password" /></label>
            <button type="submit">Join {v.account}</button>
          </form>
        </Frame>
      );
    case 'log_in':
      return (
        <Frame title={`Join ${v.account}`}>
          <p>You are invited to <strong>{v.account}</strong> as <strong>{v.role}</strong>. <strong>{v.email}</strong> already has a login: log in, then open this link again (the login page brings you back).</p>
          <p><a href={`/login?next=${encodeURIComponent(v.next)}`} role="button" id="login-to-accept">Log in to accept</a></p>
        </Frame>
      );
    case 'join':
      return (
        <Frame title={`Join ${v.account}`}>
          <p>You are invited to <strong>{v.account}</strong> as <strong>{v.role}</strong>.</p>
          {v.error ? <Notice kind="error">{v.error}</Notice> : null}
          <form method="post" action={action}>
            <input type="hidden" name="_csrf" value={v.csrf} />
            <button type="submit">Join {v.account} as {v.role}</button>
          </form>
        </Frame>
      );
    case 'other_user':
      return (
        <Frame title={`Join ${v.account}`}>
          <Notice kind="error">This invite is for {v.email}, and you are logged in as {v.me}. Log out, then open the link again.</Notice>
          <form method="post" action="/logout">
            <input type="hidden" name="_csrf" value={v.csrf} />
            <button type="submit" class="secondary">Log out</button>
          </form>
        </Frame>
      );
    case 'joined':
      return (
        <Frame title={`Welcome to ${v.account}`}>
          <Notice kind="ok">Your login is ready and you are a member of {v.account}. Log in with your email and new password.</Notice>
          <p><a href="/login" role="button" id="go-login">Log in</a></p>
        </Frame>
      );
  }
};
