package dev.medley.metadata;

import java.util.Locale;
import java.util.Map;

/** Maps language names and codes found in file names ("en", "eng", "english", "pt-br") to ISO 639-1 codes. */
final class Languages {
    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("en", "en"), Map.entry("eng", "en"), Map.entry("english", "en"),
            Map.entry("de", "de"), Map.entry("ger", "de"), Map.entry("deu", "de"), Map.entry("german", "de"),
            Map.entry("fr", "fr"), Map.entry("fre", "fr"), Map.entry("fra", "fr"), Map.entry("french", "fr"),
            Map.entry("es", "es"), Map.entry("spa", "es"), Map.entry("spanish", "es"),
            Map.entry("it", "it"), Map.entry("ita", "it"), Map.entry("italian", "it"),
            Map.entry("nl", "nl"), Map.entry("dut", "nl"), Map.entry("nld", "nl"), Map.entry("dutch", "nl"),
            Map.entry("pt", "pt"), Map.entry("por", "pt"), Map.entry("pt-br", "pt"), Map.entry("portuguese", "pt"),
            Map.entry("ru", "ru"), Map.entry("rus", "ru"), Map.entry("russian", "ru"),
            Map.entry("ja", "ja"), Map.entry("jpn", "ja"), Map.entry("japanese", "ja"),
            Map.entry("zh", "zh"), Map.entry("chi", "zh"), Map.entry("zho", "zh"), Map.entry("chinese", "zh"),
            Map.entry("ko", "ko"), Map.entry("kor", "ko"), Map.entry("korean", "ko"),
            Map.entry("sv", "sv"), Map.entry("swe", "sv"), Map.entry("swedish", "sv"),
            Map.entry("da", "da"), Map.entry("dan", "da"), Map.entry("danish", "da"),
            Map.entry("no", "no"), Map.entry("nor", "no"), Map.entry("norwegian", "no"),
            Map.entry("fi", "fi"), Map.entry("fin", "fi"), Map.entry("finnish", "fi"),
            Map.entry("pl", "pl"), Map.entry("pol", "pl"), Map.entry("polish", "pl"),
            Map.entry("tr", "tr"), Map.entry("tur", "tr"), Map.entry("turkish", "tr"),
            Map.entry("ar", "ar"), Map.entry("ara", "ar"), Map.entry("arabic", "ar"),
            Map.entry("he", "he"), Map.entry("heb", "he"), Map.entry("hebrew", "he"),
            Map.entry("cs", "cs"), Map.entry("cze", "cs"), Map.entry("ces", "cs"), Map.entry("czech", "cs"),
            Map.entry("hu", "hu"), Map.entry("hun", "hu"), Map.entry("hungarian", "hu"),
            Map.entry("el", "el"), Map.entry("gre", "el"), Map.entry("ell", "el"), Map.entry("greek", "el"),
            Map.entry("uk", "uk"), Map.entry("ukr", "uk"), Map.entry("ukrainian", "uk"),
            Map.entry("hi", "hi"), Map.entry("hin", "hi"), Map.entry("hindi", "hi"));

    private Languages() {}

    /** Returns the ISO 639-1 code a word names, or null. */
    static String code(String word) {
        return CODES.get(word.toLowerCase(Locale.ROOT));
    }
}
