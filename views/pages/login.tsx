/** The login page: email and password, with the login form's CSRF token. */
import type { FC } from 'hono/jsx';
import { Document } from '../layout.tsx';
import { Notice } from '../ui.tsx';

export const LoginPage: FC<{ token: string; next: string; error?: string; email?: string }> = ({ token, next, error, email }) => (
  <Document title="Log in">
    <main class="container login">
      <article>
        <header>
          <h1>Revenue OS</h1>
          <p class="muted">Log in to the operator console.</p>
        </header>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <form method="post" action="/login">
          <input type="hidden" name="_csrf" value={token} />
          <input type="hidden" name="next" value={next} />
          <label>Email<input name="email" type="email" autocomplete="username" required value={email ?? ''} /></label>
          <label>Password<input name="password" type="password" autocomplete="current-password" required /></label>
          <button type="submit">Log in</button>
        </form>
      </article>
    </main>
  </Document>
);
