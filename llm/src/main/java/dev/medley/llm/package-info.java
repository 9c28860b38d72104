/**
 * Asks an OpenAI-compatible chat model about many items at once.
 *
 * <p>{@link dev.medley.llm.ChatClient} speaks the Chat Completions wire protocol to any server that
 * does (OpenAI, Gemini's compatible endpoint, Ollama, vLLM, llama.cpp, LM Studio).
 * {@link dev.medley.llm.BatchedJson} sends items in batches under one shared instruction and matches
 * every answer to its item by id, never by position: what comes back missing, twice, for an id not
 * sent, of the wrong shape or cut off is asked again in smaller batches; a cache keeps what was
 * answered; {@link dev.medley.llm.LlmStats} counts what it cost. {@link dev.medley.llm.NameRefiner}
 * uses it for media names the parser left unsure.
 */
package dev.medley.llm;
