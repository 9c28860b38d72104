package dev.medley.llm;

/**
 * One answer of the chat model.
 *
 * @param content the assistant message's text; for a body cut off in transit, what arrived of it
 * @param finishReason why the model stopped ({@code stop}, {@code length}, ...), or null when unknown
 * @param usage what the request cost
 * @param cutOff whether the response body itself ended early; {@code content} is then partial
 */
public record Completion(String content, String finishReason, Usage usage, boolean cutOff) {
    /** Returns whether the answer is known to be incomplete: cut off in transit or at the token limit. */
    public boolean truncated() {
        return cutOff || "length".equals(finishReason);
    }
}
