// The sign-in form and the signed-in bar: who is signed in, and sign out.

import { byTestId, say } from './dom.js';

const MESSAGES = {
  invalid_credentials: 'Wrong email or password.',
  missing_field: 'Enter your email and password.',
};

function failureMessage(error) {
  if (error.code === 'too_many_attempts') return `Too many attempts: ${error.message}.`;
  return MESSAGES[error.code] || `Could not sign in: ${error.message}`;
}

/**
 * Wires the sign-in form; onSignedIn(user) runs after a successful sign-in, onSignedOut() after sign-out, and
 * mayLeave() resolves true when signing out may go ahead (unsaved edits are asked about first).
 */
export function createSignIn(api, { onSignedIn, onSignedOut, mayLeave = async () => true }) {
  const section = byTestId('admin-signin');
  const form = byTestId('admin-signin-form');
  const error = byTestId('admin-signin-error');
  const notice = byTestId('admin-signin-notice');
  const who = byTestId('admin-user');
  const signOut = byTestId('admin-signout');
  const submit = byTestId('admin-signin-submit');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    say(error, '');
    submit.disabled = true;
    try {
      const user = await api.login(form.elements.email.value.trim(), form.elements.password.value);
      form.elements.password.value = '';
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
