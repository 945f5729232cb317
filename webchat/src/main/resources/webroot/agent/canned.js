// Canned replies (GET /api/agent/canned) and their placeholders: {shopper} (the name the shop gave, else the
// locale's default: "there"), {agent} (the name shoppers see for this agent) and {order} (the last order number
// in the conversation). What is not known stays as the placeholder, for the agent to edit before sending.

/** The last order number of a conversation: the newest order_id entity of a shopper message, else the bot's. */
export function lastOrder(messages, fallback) {
  for (let i = messages.length - 1; i >= 0; i--) {
    const entities = Array.isArray(messages[i].entities) ? messages[i].entities : [];
    for (let j = entities.length - 1; j >= 0; j--) {
      if (entities[j] && entities[j].type === 'order_id' && typeof entities[j].value === 'string') {
        return entities[j].value;
      }
    }
  }
  return typeof fallback === 'string' && fallback ? fallback : null;
}

/**
 * The text with its placeholders filled: values maps a name to its text, or to null when unknown (the placeholder
 * stays); an unknown {shopper} takes defaults.shopper.
 */
export function fill(text, values, defaults = {}) {
  return text.replace(/\{(shopper|agent|order)\}/g, (whole, name) => {
    const value = values[name];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof defaults[name] === 'string') return defaults[name];
    return whole;
  });
}

/** Keeps the replies of the API and offers those of one locale. */
export function createCanned(api) {
  let replies = [];
  let defaults = {};

  return {
    async load() {
      const answer = await api.canned();
      replies = Array.isArray(answer && answer.replies) ? answer.replies : [];
      defaults = answer && answer.defaults && typeof answer.defaults === 'object' ? answer.defaults : {};
    },
    /** The replies in this locale (English when it has none). */
    forLocale(locale) {
      const mine = replies.filter((r) => r.locale === locale);
      return mine.length ? mine : replies.filter((r) => r.locale === 'en');
    },
    /** The reply's text for this conversation. */
    text(reply, values, locale) {
      return fill(reply.text, values, defaults[locale] || defaults.en || {});
    },
  };
}
