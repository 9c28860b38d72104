package dev.medley.llm.testing;

/** What the fake provider does wrong with one request. */
public enum Fault {
    /** Nothing: a correct answer. */
    NONE,
    /** 429 with Retry-After. */
    RATE_LIMITED,
    /** 500. */
    SERVER_ERROR,
    /** 503 with Retry-After. */
    UNAVAILABLE,
    /** No answer until after the client's timeout. */
    STALL,
    /** The connection is closed without a response. */
    DROP,
    /** The model stops at its token limit: {@code finish_reason: length}, the message cut in the middle of the array. */
    LENGTH,
    /** The response body ends part way through. */
    CUT_BODY,
    /** One item's result is left out. */
    MISSING_ID,
    /** The results come in another order. */
    REORDERED,
    /** One item is answered twice, differently. */
    DUPLICATED,
    /** One result carries an id that was not sent. */
    UNKNOWN_ID,
    /** One result has a field of the wrong type. */
    WRONG_TYPE,
    /** The JSON comes in a markdown fence after a sentence of prose. */
    PROSE_AND_FENCE
}
