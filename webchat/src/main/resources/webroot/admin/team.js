// The team: who answers chats and who runs this console. The list (presence, chats held against the limit), a
// form to add someone, the same form to change them (name, roles, languages, topics, limit, a new password), and
// Disable / Enable. All text goes in as textContent: a display name is whatever an admin typed.

import { byTestId, el, say } from '../staff/dom.js';

const LANGUAGE_NAMES = { en: 'English', zh: '中文' };
const TOPIC_NAMES = {
  orders: 'Orders', returns: 'Returns', payment: 'Payment', delivery: 'Delivery', products: 'Products',
  account: 'Account',
};

const names = (values, table) => values.map((v) => table[v] || v).join(', ');

/** Wires the team panel; onFailure(error) reports a failed load. */
export function createTeam(api, { onFailure }) {
  const list = byTestId('team-list');
  const status = byTestId('team-status');
  const form = byTestId('team-form');
  const heading = byTestId('team-form-heading');
  const formStatus = byTestId('team-form-status');
  const email = byTestId('team-email');
  const passwordLabel = byTestId('team-password-label');
  const save = byTestId('team-save');
  const toggle = byTestId('team-toggle');
  const topics = byTestId('team-topics');
  let editing = null; // the member being changed; null while adding
  let me = null;

  function row(member) {
    const edit = el('button', { className: 'quiet', attrs: { type: 'button', 'data-testid': 'team-edit' },
      text: 'Edit' });
    edit.addEventListener('click', () => show(member));
    const presence = member.disabled ? 'disabled' : member.presence;
    return el('tr', { className: member.disabled ? 'disabled' : '', attrs: { 'data-testid': 'team-member',
      'data-id': String(member.id), 'data-email': member.email } }, [
      el('td', { text: member.name + (member.id === me ? ' (you)' : ''), attrs: { 'data-testid': 'team-member-name' } }),
      el('td', { text: member.email }),
      el('td', { text: member.roles.join(', '), attrs: { 'data-testid': 'team-member-roles' } }),
      el('td', { text: names(member.languages, LANGUAGE_NAMES), attrs: { 'data-testid': 'team-member-languages' } }),
      el('td', { text: member.topics.length ? names(member.topics, TOPIC_NAMES) : 'any',
        attrs: { 'data-testid': 'team-member-topics' } }),
      el('td', { text: member.roles.includes('agent') ? `${member.chats} / ${member.maxChats}` : '—',
        attrs: { 'data-testid': 'team-member-chats' } }),
      el('td', { className: `presence-${presence}`, text: presence, attrs: { 'data-testid': 'team-member-presence' } }),
      el('td', {}, [edit]),
    ]);
  }

  async function refresh() {
    try {
      const team = await api.team();
      me = team.me;
      if (!topics.children.length) {
        topics.replaceChildren(...team.topics.map((t) => el('label', { className: 'check' }, [
          el('input', { attrs: { type: 'checkbox', name: 'topics', value: t, 'data-testid': `team-topic-${t}` } }),
          document.createTextNode(TOPIC_NAMES[t] || t),
        ])));
      }
      list.replaceChildren(...team.staff.map(row));
    } catch (error) {
      onFailure(error);
    }
  }

  const checked = (name) => [...form.querySelectorAll(`input[name=${name}]`)].filter((i) => i.checked)
    .map((i) => i.value);

  function check(name, values) {
    for (const input of form.querySelectorAll(`input[name=${name}]`)) input.checked = values.includes(input.value);
  }

  function show(member) {
    editing = member;
    form.hidden = false;
    form.reset();
    say(formStatus, '');
    heading.textContent = member ? `Change ${member.name}` : 'Add someone';
    save.textContent = member ? 'Save changes' : 'Add to team';
    email.disabled = !!member;
    email.value = member ? member.email : '';
    form.elements.displayName.value = member ? member.displayName || '' : '';
    passwordLabel.textContent = member ? 'New password (leave empty to keep the current one)'
      : 'Password (12 characters or more)';
    check('roles', member ? member.roles : ['agent']);
    check('languages', member ? member.languages : ['en']);
    check('topics', member ? member.topics : []);
    form.elements.maxChats.value = String(member ? member.maxChats : 3);
    toggle.hidden = !member || member.id === me;
    toggle.textContent = member && member.disabled ? 'Enable' : 'Disable';
    (member ? form.elements.displayName : email).focus();
  }

  function fields() {
    const out = {
      displayName: form.elements.displayName.value.trim() || null,
      roles: checked('roles'),
      languages: checked('languages'),
      topics: checked('topics'),
      maxChats: Number(form.elements.maxChats.value),
    };
    const password = form.elements.password.value;
    if (!editing) out.email = email.value.trim();
    if (!editing || password) out.password = password;
    return out;
  }

  async function done(message) {
    form.hidden = true;
    editing = null;
    say(status, message, 'ok');
    await refresh();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    try {
      if (editing) {
        const changed = await api.changeMember(editing.id, fields());
        await done(`Saved ${changed.name}.`);
      } else {
        const added = await api.addMember(fields());
        await done(`Added ${added.name}: they can sign in now.`);
      }
    } catch (error) {
      if (error.status !== 401) say(formStatus, error.message, 'error');
    } finally {
      save.disabled = false;
    }
  });

  toggle.addEventListener('click', async () => {
    if (!editing) return;
    const disabling = !editing.disabled;
    try {
      const changed = await api.changeMember(editing.id, { disabled: disabling });
      const moved = changed.requeued ? ` ${changed.requeued} chat(s) went back to the queue.` : '';
      await done(disabling ? `Disabled ${changed.name}: signed out.${moved}` : `Enabled ${changed.name}.`);
    } catch (error) {
      if (error.status !== 401) say(formStatus, error.message, 'error');
    }
  });

  byTestId('team-add').addEventListener('click', () => show(null));
  byTestId('team-refresh').addEventListener('click', () => {
    say(status, '');
    refresh();
  });
  byTestId('team-cancel').addEventListener('click', () => {
    form.hidden = true;
    editing = null;
  });

  return { refresh };
}
