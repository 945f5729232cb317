// The editor form <-> an entry's editable fields: question variants one per line, tags comma-separated.

function lines(text) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean);
}

function commaSeparated(text) {
  return text.split(',').map((tag) => tag.trim()).filter(Boolean);
}

/** The fields the API takes, read from the editor form. */
export function readForm(form) {
  const category = form.elements.category.value.trim();
  return {
    title: form.elements.title.value.trim(),
    locale: form.elements.locale.value,
    questions: lines(form.elements.questions.value),
    answer: form.elements.answer.value.trim(),
    tags: commaSeparated(form.elements.tags.value),
    category: category || null,
  };
}

/** Fills the editor form with an entry's fields (an empty form for null). */
export function fillForm(form, entry) {
  form.elements.title.value = entry ? entry.title : '';
  form.elements.locale.value = entry ? entry.locale : 'en';
  form.elements.questions.value = entry ? entry.questions.join('\n') : '';
  form.elements.answer.value = entry ? entry.answer : '';
  form.elements.tags.value = entry ? entry.tags.join(', ') : '';
  form.elements.category.value = entry && entry.category ? entry.category : '';
}

/** Whether the form's fields differ from the entry as saved. */
export function changed(form, entry) {
  if (!entry) return true;
  const now = readForm(form);
  return ['title', 'locale', 'answer', 'category'].some((f) => (now[f] || null) !== (entry[f] || null))
    || now.questions.join('\n') !== entry.questions.join('\n') || now.tags.join('\n') !== entry.tags.join('\n');
}

/** Whether a new entry's form holds anything typed (the locale alone is not worth a warning). */
export function hasContent(form) {
  const now = readForm(form);
  return Boolean(now.title || now.answer || now.category || now.questions.length || now.tags.length);
}
