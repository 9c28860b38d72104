package dev.medley.catalog.sql;

import java.util.Locale;

/** Enum constants as the schema stores them: their names in lower case ({@code rolled_back}). */
final class EnumText {
    private EnumText() {}

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text) {
        return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    }
}
