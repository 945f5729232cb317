package com.shopchat.knowledge.cli;

/**
 * A shopper's question and the knowledge entry that answers it.
 *
 * @param query the text as a shopper would type it
 * @param expectedId the id of the entry that answers it; {@code null} when no entry does
 * @param locale the locale to search in
 */
record LabeledQuery(String query, String expectedId, String locale) {

  /** Whether some entry answers it. */
  boolean answerable() {
    return expectedId != null;
  }
}
