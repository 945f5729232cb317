// Canned replies for the agents: the list (id, language, title, text), a form to add one or change one's title
// and text, and Delete (asked twice). All text goes in as textContent.

import { byTestId, el, say } from '../staff/dom.js';

const LANGUAGE_NAMES = { en: 'English', zh: '中文' };

/** Wires the canned replies panel; onFailure(error) reports a failed load. */
export function createCannedEditor(api, { onFailure }) {
  const list = byTestId('canned-list');
  const status = byTestId('canned-status');
  const form = byTestId('canned-form');
  const heading = byTestId('canned-form-heading');
  const formStatus = byTestId('canned-form-status');
  let editing = null; // the reply being changed; null while adding

  function row(reply) {
    const edit = el('button', { className: 'quiet', attrs: { type: 'button', 'data-testid': 'canned-edit' },
      text: 'Edit' });
    edit.addEventListener('click', () => show(reply));
    const remove = el('button', { className: 'quiet', attrs: { type: 'button', 'data-testid': 'canned-delete' },
      text: 'Delete' });
    remove.addEventListener('click', () => confirmDelete(remove, reply));
    return el('tr', { attrs: { 'data-testid': 'canned-reply', 'data-id': reply.id, 'data-locale': reply.locale } }, [
      el('td', { text: reply.id }),
      el('td', { text: LANGUAGE_NAMES[reply.locale] || reply.locale }),
      el('td', { text: reply.title, attrs: { 'data-testid': 'canned-reply-title' } }),
      el('td', { className: 'text', text: reply.text, attrs: { 'data-testid': 'canned-reply-text' } }),
      el('td', { className: 'buttons' }, [edit, document.createTextNode(' '), remove]),
    ]);
  }

  async function confirmDelete(button, reply) {
    if (button.dataset.armed !== 'true') {
      button.dataset.armed = 'true';
      button.textContent = 'Delete? Click again';
      return;
    }
    try {
      await api.deleteCanned(reply.id, reply.locale);
      if (editing && editing.id === reply.id && editing.locale === reply.locale) form.hidden = true;
      say(status, `Deleted “${reply.title}”.`, 'ok');
      await refresh();
    } catch (error) {
      if (error.status !== 401) say(status, error.message, 'error');
    }
  }

  async function refresh() {
    try {
      const answer = await api.canned();
      list.replaceChildren(...answer.replies.map(row));
    } catch (error) {
      onFailure(error);
    }
  }

  function show(reply) {
    editing = reply;
    form.hidden = false;
    form.reset();
    say(formStatus, '');
    heading.textContent = reply ? `Change “${reply.title}”` : 'New reply';
    form.elements.id.value = reply ? reply.id : '';
    form.elements.locale.value = reply ? reply.locale : 'en';
    form.elements.id.disabled = !!reply;
    form.elements.locale.disabled = !!reply;
    form.elements.title.value = reply ? reply.title : '';
    form.elements.text.value = reply ? reply.text : '';
    (reply ? form.elements.title : form.elements.id).focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = { title: form.elements.title.value, text: form.elements.text.value };
    try {
      const saved = editing ? await api.changeCanned(editing.id, editing.locale, fields)
        : await api.addCanned({ id: form.elements.id.value.trim(), locale: form.elements.locale.value, ...fields });
      form.hidden = true;
      editing = null;
      say(status, `Saved “${saved.title}”: agents see it when they next sign in.`, 'ok');
      await refresh();
    } catch (error) {
      if (error.status !== 401) say(formStatus, error.message, 'error');
    }
  });
  byTestId('canned-new').addEventListener('click', () => show(null));
  byTestId('canned-cancel').addEventListener('click', () => {
    form.hidden = true;
    editing = null;
  });

  return { refresh };
}
