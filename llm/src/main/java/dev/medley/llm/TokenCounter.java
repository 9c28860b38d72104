package dev.medley.llm;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;

/**
 * Counts tokens as a model's tokenizer does, to size requests before they are sent and to count
 * what batching saves. OpenAI's models get their own tokenizer ({@code o200k_base} for the GPT-4o
 * family, GPT-4.1, GPT-5 and the o-series; {@code cl100k_base} for GPT-4 and GPT-3.5); any other
 * model is estimated with {@code o200k_base}, which modern tokenizers come close to.
 */
public final class TokenCounter {
    private static final Object LOCK = new Object();
    private static volatile com.knuddels.jtokkit.api.EncodingRegistry registry;

    private final Encoding encoding;
    private final boolean exact;

    private TokenCounter(Encoding encoding, boolean exact) {
        this.encoding = encoding;
        this.exact = exact;
    }

    /** Returns the counter for {@code model}. */
    public static TokenCounter forModel(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        int slash = name.lastIndexOf('/');
        if (slash >= 0) {
            name = name.substring(slash + 1); // "openai/gpt-4o" as routers name it.
        }
        EncodingType type;
        boolean exact = true;
        if (name.startsWith("gpt-4o") || name.startsWith("chatgpt-4o") || name.startsWith("gpt-4.1")
                || name.startsWith("gpt-4.5") || name.startsWith("gpt-5") || name.startsWith("o1")
                || name.startsWith("o3") || name.startsWith("o4") || name.startsWith("gpt-oss")) {
            type = EncodingType.O200K_BASE;
        } else if (name.startsWith("gpt-4") || name.startsWith("gpt-3.5") || name.startsWith("text-embedding-3")) {
            type = EncodingType.CL100K_BASE;
        } else {
            type = EncodingType.O200K_BASE;
            exact = false;
        }
        return new TokenCounter(registry().getEncoding(type), exact);
    }

    private static com.knuddels.jtokkit.api.EncodingRegistry registry() {
        if (registry == null) {
            synchronized (LOCK) {
                if (registry == null) {
                    registry = Encodings.newLazyEncodingRegistry();
                }
            }
        }
        return registry;
    }

    /** Returns the number of tokens in {@code text}. */
    public int count(String text) {
        return encoding.countTokensOrdinary(text);
    }

    /** Returns whether this is the model's own tokenizer rather than an estimate. */
    public boolean exact() {
        return exact;
    }

    /** Returns the tokenizer's name, such as {@code o200k_base}. */
    public String name() {
        return encoding.getName();
    }
}
