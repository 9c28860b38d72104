package dev.medley.llm;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps answers by a key that names the endpoint, the model, the prompt's version and the item's
 * input, so a rerun pays nothing for what was answered. Implementations are thread-safe; the
 * catalog keeps them between runs.
 */
public interface AnswerCache {
    /** Returns the answer kept under {@code key}. */
    Optional<String> get(String key);

    /** Keeps {@code answer} under {@code key}, replacing any earlier one. */
    void put(String key, String answer);

    /** Keeps nothing. */
    AnswerCache NONE = new AnswerCache() {
        @Override
        public Optional<String> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, String answer) {}
    };

    /** Returns a cache in memory, for one process. */
    static AnswerCache inMemory() {
        ConcurrentHashMap<String, String> answers = new ConcurrentHashMap<>();
        return new AnswerCache() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(answers.get(key));
            }

            @Override
            public void put(String key, String answer) {
                answers.put(key, answer);
            }
        };
    }
}
