/** Change password: the current password and the new one twice. */
import type { FC } from 'hono/jsx';
import { Notice } from '../ui.tsx';

export const PasswordPage: FC<{ csrf: string; error?: string; done?: boolean }> = ({ csrf, error, done }) => (
  <article class="narrow">
    {done ? <Notice kind="ok">Password changed. Every other browser logged in as you has been logged out.</Notice> : null}
    {error ? <Notice kind="error">{error}</Notice> : null}
    <p class="muted">Changing your password logs you out everywhere else; this browser stays logged in with a new session.</p>
    <form method="post" action="/account/password">
      <input type="hidden" name="_csrf" value={csrf} />
      <label>Current password<input name="current" type="password" autocomplete="current-password" required /></label>
      <label>New password<input name="password" type="password" autocomplete="new-password" minlength={10} maxlength={200} required /></label>
      <label>New password again<input name="confirm" type="password" autocomplete="new-password" minlength={10} maxlength={200} required /></label>
      <button type="submit">Change password</button>
    </form>
  </article>
);
