package dev.medley.core;

/**
 * Carries one item to a {@link BatchFunction}; the answer must quote the same {@code id}.
 *
 * @param id   identifier, unique within one {@link MicroBatcher}
 * @param item the submitted item
 */
public record BatchRequest<I>(long id, I item) {}
