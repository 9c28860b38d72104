package dev.medley.llm;

/**
 * The tokens one request cost, as the server reported them in {@code usage}.
 *
 * @param promptTokens tokens of the request's messages (and schema)
 * @param completionTokens tokens of the answer
 * @param cachedTokens prompt tokens the server had cached from an earlier request with the same
 *     prefix ({@code prompt_tokens_details.cached_tokens}), 0 when not reported
 * @param reported whether the server reported usage at all; when not, the first two are Medley's
 *     own count
 */
public record Usage(long promptTokens, long completionTokens, long cachedTokens, boolean reported) {}
