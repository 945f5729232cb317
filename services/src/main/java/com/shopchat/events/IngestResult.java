package com.shopchat.events;

/**
 * What storing a batch did: {@code accepted} events are new; {@code duplicates} were not stored again, because
 * an event with the same id was stored before or came earlier in the same batch.
 */
public record IngestResult(int accepted, int duplicates) {}
