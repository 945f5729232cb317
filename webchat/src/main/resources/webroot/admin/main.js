// The admin console's entry point: signs in (or finds the session), then wires the list, editor, preview,
// history and import, and the recommendation experiments. When the session ends (sign-out, idle timeout,
// restart) it goes back to the sign-in form.

import { createApi } from './api.js';
import { byTestId } from './dom.js';
import { createEditor } from './editor.js';
import { createExperiments } from './experiments.js';
import { createHistory } from './history.js';
import { createImporter } from './importer.js';
import { createList } from './list.js';
import { createPreview } from './preview.js';
import { createSignIn } from './signin.js';

const consoleMain = byTestId('admin-console');
let signedIn = false;

const api = createApi({ onSessionLost: () => signOut('Your session has ended. Sign in again.') });
const signIn = createSignIn(api, { onSignedIn: start, onSignedOut: () => signOut('You have signed out.') });
const list = createList(api, { onPick: open, onFailure: reportFailure });
const editor = createEditor(api, { onChanged: changed });
const preview = createPreview(api, { current: () => editor.current() });
const history = createHistory(api, { onRolledBack: changed });
createImporter(api, { onImported: () => list.refresh() });
const experiments = createExperiments(api, { onFailure: reportFailure });

byTestId('kb-new').addEventListener('click', () => showEntry(null));

function start(user) {
  signedIn = true;
  signIn.hide(user);
  consoleMain.hidden = false;
  showEntry(null);
  list.refresh();
  experiments.refresh();
}

function signOut(message) {
  consoleMain.hidden = true;
  // A first visit without a session is not an ended session: no notice then.
  signIn.show(signedIn ? message : '');
  signedIn = false;
}

function showEntry(entry, message) {
  editor.show(entry, message);
  history.show(entry);
  preview.reset();
  list.select(entry ? entry.id : null);
}

async function open(id, message) {
  try {
    showEntry(await api.get(id), message);
  } catch (error) {
    reportFailure(error);
  }
}

function changed(entry, message) {
  open(entry.id, message);
  list.refresh();
}

function reportFailure(error) {
  // A 401 has sent the console back to sign-in already; anything else is shown where the editor reports.
  if (error.status !== 401) editor.report(`Could not load: ${error.message}`);
}

api.me().then(start).catch(() => signIn.show(''));
