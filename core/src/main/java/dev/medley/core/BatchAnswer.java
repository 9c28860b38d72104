package dev.medley.core;

/**
 * Answers one {@link BatchRequest}: a value, or the error for that item alone.
 *
 * @param id    the request's id
 * @param value the result; ignored when {@code error} is set
 * @param error why this item failed, or null on success
 */
public record BatchAnswer<O>(long id, O value, Throwable error) {

    /** Rejects an answer that is both a value and an error. */
    public BatchAnswer {
        if (error != null && value != null) {
            throw new IllegalArgumentException("answer for item " + id + " has both a value and an error");
        }
    }

    /** Answers item {@code id} with {@code value}. */
    public static <O> BatchAnswer<O> ok(long id, O value) {
        return new BatchAnswer<>(id, value, null);
    }

    /** Fails item {@code id} with {@code error}. */
    public static <O> BatchAnswer<O> failed(long id, Throwable error) {
        return new BatchAnswer<>(id, null, Check.notNull(error, "error"));
    }
}
