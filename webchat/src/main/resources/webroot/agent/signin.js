// The sign-in form and the signed-in bar: who is signed in, and sign out. Staff sign in as in the admin console
// (/api/auth/login); the agent console needs the agent or the admin role.

import { byTestId, say } from './dom.js';

const MESSAGES = {
  invalid_credentials: 'Wrong email or password.',
  missing_field: 'Enter your email and password.',
};

function failureMessage(error) {
  if (error.code === 'too_many_attempts') return `Too many attempts: ${error.message}.`;
  return MESSAGES[error.code] || `Could not sign in: ${error.message}`;
}

/** Whether a signed-in user may use this console. */
export function mayAnswer(user) {
  const roles = Array.isArray(user && user.roles) ? user.roles : [];
  return roles.includes('agent') || roles.includes('admin');
}

/** Wires the sign-in form; onSignedIn(user) runs after a successful sign-in, onSignedOut() after sign-out. */
export function createSignIn(api, { onSignedIn, onSignedOut }) {
  const section = byTestId('agent-signin');
  const form = byTestId('agent-signin-form');
  const error = byTestId('agent-signin-error');
  const notice = byTestId('agent-signin-notice');
  const who = byTestId('agent-user');
  const signOut = byTestId('agent-signout');
  const submit = byTestId('agent-signin-submit');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    say(error, '');
    submit.disabled = true;
    try {
      const user = await api.login(form.elements.email.value.trim(), form.elements.password.value);
      form.elements.password.value = '';
      if (!mayAnswer(user)) {
        await api.logout().catch(() => {});
        say(error, 'This account may not answer chats: the agent console needs the agent role.', 'error');
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
