// A field-by-field comparison of two versions of an entry, for the history: which fields differ and how.
// Pure (no DOM), so the history view only renders what this returns.

/** The fields the history compares, in the editor's order, with the labels it shows. */
export const FIELDS = [
  ['title', 'Title'],
  ['locale', 'Locale'],
  ['questions', 'Questions'],
  ['answer', 'Answer'],
  ['tags', 'Tags'],
  ['category', 'Category'],
];

function asText(value) {
  if (Array.isArray(value)) return value.join('\n');
  return value === null || value === undefined ? '' : String(value);
}

/**
 * One row per field: {field, label, before, after, changed}, where before is the revision's text and after the
 * current one's (lists one item per line).
 */
export function fieldDiff(revisionFields, currentFields) {
  return FIELDS.map(([field, label]) => {
    const before = asText(revisionFields[field]);
    const after = asText(currentFields[field]);
    return { field, label, before, after, changed: before !== after };
  });
}
