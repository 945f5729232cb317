// The staff consoles' sign-in form and signed-in bar: who is signed in, and sign out (/api/auth/login, logout).
// Each console names its elements by its prefix (admin-signin, agent-signin, …) and says who may use it.

import { byTestId, say } from './dom.js';

const MESSAGES = {
  invalid_credentials: 'Wrong email or password.',
  missing_field: 'Enter your email and password.',
};

function failureMessage(error) {
  if (error.code === 'too_many_attempts') return `Too many attempts: ${error.message}.`;
  return MESSAGES[error.code] || `Could not sign in: ${error.message}`;
}

/** Whether a signed-in user has one of the roles. */
export function hasRole(user, ...roles) {
  const held = Array.isArray(user && user.roles) ? user.roles : [];
  return roles.some((role) => held.includes(role));
}

/**
 * Wires the sign-in form of the console whose test ids start with `prefix`; onSignedIn(user) runs after a
 * successful sign-in of a user `allowed(user)` accepts (others are signed out again and told `refusal`),
 * onSignedOut() after sign-out, and mayLeave() resolves true when signing out may go ahead.
 */
export function createSignIn(api, {
  prefix, onSignedIn, onSignedOut, allowed = () => true, refusal = '', mayLeave = async () => true,
}) {
  const section = byTestId(`${prefix}-signin`);
  const form = byTestId(`${prefix}-signin-form`);
  const error = byTestId(`${prefix}-signin-error`);
  const notice = byTestId(`${prefix}-signin-notice`);
  const who = byTestId(`${prefix}-user`);
  const signOut = byTestId(`${prefix}-signout`);
  const submit = byTestId(`${prefix}-signin-submit`);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    say(error, '');
    submit.disabled = true;
    try {
      const user = await api.login(form.elements.email.value.trim(), form.elements.password.value);
      form.elements.password.value = '';
      if (!allowed(user)) {
        await api.logout().catch(() => {});
        say(error, refusal, 'error');
        return;
      }
      onSignedIn(user);
    } catch (failure) {
      say(error, failureMessage(failure), 'error');
    } finally {
      submit.disabled = false;
    }
  });

  signOut.addEventListener('click', async () => {
    if (!(await mayLeave())) return;
    try {
      await api.logout();
    } catch {
      // The session may be gone already; signed out either way.
    }
    onSignedOut();
  });

  return {
    /** Shows the form (with a notice, e.g. that the session ended) and hides who was signed in. */
    show(message) {
      section.hidden = false;
      who.hidden = true;
      signOut.hidden = true;
      say(notice, message || '');
      form.elements.email.focus();
    },
    /**
     * Shows the form without a notice, unless it is showing already: then its notice stays. A 401 of a request that
     * was in flight when the session ended comes after the one that said so, and must not wipe what it said.
     */
    showQuietly() {
      if (section.hidden) this.show('');
    },
    /** Hides the form and shows who is signed in. */
    hide(user) {
      section.hidden = true;
      say(error, '');
      say(notice, '');
      who.textContent = `Signed in as ${user.email}`;
      who.hidden = false;
      signOut.hidden = false;
    },
  };
}
