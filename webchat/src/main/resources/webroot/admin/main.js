// The admin console's entry point: signs in (or finds the session), then wires the list, editor, preview,
// history, import and export, the recommendation experiments, the team and the canned replies. When the session
// ends (sign-out, idle timeout, restart) it goes back to the sign-in form; edits not saved yet stay in the editor
// for after the next sign-in.

import { createAnalytics } from './analytics.js';
import { createApi } from './api.js';
import { createCannedEditor } from './canned.js';
import { byTestId } from '../staff/dom.js';
import { createEditor } from './editor.js';
import { createExperiments } from './experiments.js';
import { createPromotions } from './promotions.js';
import { createExporter } from './exporter.js';
import { createHistory } from './history.js';
import { createImporter } from './importer.js';
import { createLearning } from './learning.js';
import { createList } from './list.js';
import { createPreview } from './preview.js';
import { createReview } from './review.js';
import { createRules } from './rules.js';
import { createSignIn } from '../staff/signin.js';
import { createTeam } from './team.js';
import { createUnsavedGuard } from './unsaved.js';

const consoleMain = byTestId('admin-console');
let signedIn = false;

const leave = (action) => guard.leave(action);
const api = createApi({ onSessionLost: () => signOut('Your session has ended. Sign in again.') });
const signIn = createSignIn(api, {
  prefix: 'admin',
  onSignedIn: start,
  onSignedOut: () => {
    showEntry(null);
    signOut('You have signed out.', true);
  },
  mayLeave: () => leave('Sign out and lose them'),
});
const list = createList(api, { onPick: pick, onFailure: reportFailure });
const editor = createEditor(api, { onChanged: changed, onReload: (id) => open(id), leave });
const guard = createUnsavedGuard({ dirty: () => editor.dirty(), name: () => editor.name() });
const preview = createPreview(api, { current: () => editor.current() });
const history = createHistory(api, {
  onRolledBack: changed,
  onConflict: (error) => editor.conflicted(error, 'Not rolled back'),
  leave,
});
createImporter(api, { onImported: () => list.refresh() });
createExporter(api);
const experiments = createExperiments(api, { onFailure: reportFailure });
const team = createTeam(api, { onFailure: reportFailure });
const rules = createRules(api, { onFailure: reportFailure });
const canned = createCannedEditor(api, { onFailure: reportFailure });
const promotions = createPromotions(api, { onFailure: reportFailure });
const learning = createLearning(api, { onFailure: reportFailure });
const analytics = createAnalytics(api, { onFailure: reportFailure });
const review = createReview(api, { onFailure: reportFailure });

byTestId('kb-new').addEventListener('click', async () => {
  if (await leave('Start a new entry and lose them')) showEntry(null);
});

function start(user) {
  const kept = editor.dirty(); // typed before a session ended: still there, still unsaved
  signedIn = true;
  signIn.hide(user);
  consoleMain.hidden = false;
  if (kept) {
    editor.note('Your session ended while you were editing: your changes are still here, not saved yet.');
  } else {
    showEntry(null);
  }
  list.refresh();
  experiments.refresh();
  team.refresh();
  rules.refresh();
  canned.refresh();
  promotions.refresh();
  learning.refresh();
  analytics.refresh();
  review.refresh();
}

// explicit: the person clicked Sign out. A request that met the ended session first (a 401 while the logout was on
// its way) has already shown "session ended"; the sign-out's own notice still wins.
function signOut(message, explicit = false) {
  consoleMain.hidden = true;
  // A first visit without a session is not an ended session: no notice then.
  if (signedIn || explicit) signIn.show(message);
  else signIn.showQuietly(); // a later 401 keeps the notice the first one showed
  signedIn = false;
}

function showEntry(entry, message) {
  editor.show(entry, message);
  history.show(entry);
  preview.reset();
  list.select(entry ? entry.id : null);
}

async function pick(id) {
  if (await leave('Open another entry and lose them')) open(id);
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
