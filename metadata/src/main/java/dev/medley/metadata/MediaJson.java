package dev.medley.metadata;

import java.util.List;

/**
 * Writes one {@link MediaName} or {@link Identity} as a single line of JSON, the line
 * {@code medley identify --json} prints. Keys come in a fixed order; absent fields are left out.
 *
 * <pre>{@code
 * {"input":"Show.S01E01E02.720p.mkv","kind":"episode","title":"Show","season":1,"episode":[1,2],"screenSize":"720p"}
 * {"input":"Artist - Song.mp3","kind":"music","title":"Song","artist":"Artist"}
 * }</pre>
 *
 * <p>{@code season}, {@code year}, {@code track}, {@code disc}, {@code part} and
 * {@code absoluteEpisode} are integers; {@code episode} is an integer, or a list of integers for a
 * multi-episode file; {@code date} is an ISO date string; {@code confidence}, always present, is the
 * reading's overall confidence rounded to two decimals.
 */
public final class MediaJson {
    private MediaJson() {}

    /** Returns the JSON line of a parsed name, without a line break. */
    public static String toJson(MediaName name) {
        StringBuilder b = new StringBuilder(160);
        b.append('{');
        string(b, "input", name.input());
        string(b, "kind", name.kind().key());
        string(b, Field.TITLE.key(), name.title());
        number(b, Field.YEAR.key(), name.year());
        number(b, Field.SEASON.key(), name.season());
        episodes(b, name.episodes());
        number(b, Field.ABSOLUTE_EPISODE.key(), name.absoluteEpisode());
        string(b, Field.DATE.key(), name.date() == null ? null : name.date().toString());
        string(b, Field.EPISODE_TITLE.key(), name.episodeTitle());
        number(b, Field.PART.key(), name.part());
        string(b, Field.EXTRA.key(), name.extra());
        string(b, Field.EDITION.key(), name.edition());
        string(b, Field.SCREEN_SIZE.key(), name.screenSize());
        string(b, Field.SOURCE.key(), name.source());
        string(b, Field.VIDEO_CODEC.key(), name.videoCodec());
        string(b, Field.AUDIO_CODEC.key(), name.audioCodec());
        string(b, Field.RELEASE_GROUP.key(), name.releaseGroup());
        string(b, Field.LANGUAGE.key(), name.language());
        string(b, Field.SUBTITLE_LANGUAGE.key(), name.subtitleLanguage());
        string(b, Field.ARTIST.key(), name.artist());
        string(b, Field.ALBUM_ARTIST.key(), name.albumArtist());
        string(b, Field.ALBUM.key(), name.album());
        number(b, Field.TRACK.key(), name.track());
        number(b, Field.DISC.key(), name.disc());
        string(b, Field.FEATURING.key(), name.featuring());
        string(b, Field.VERSION.key(), name.version());
        string(b, "sideFile", name.sideFile());
        key(b, "confidence");
        b.append(Math.round(name.confidence() * 100) / 100.0);
        return b.append('}').toString();
    }

    /** Returns the JSON line of an identity: its merged fields, as for a name. */
    public static String toJson(Identity identity) {
        return toJson(identity.name());
    }

    private static void episodes(StringBuilder b, List<Integer> episodes) {
        if (episodes.isEmpty()) {
            return;
        }
        key(b, Field.EPISODES.key());
        if (episodes.size() == 1) {
            b.append(episodes.get(0).intValue());
            return;
        }
        b.append('[');
        for (int i = 0; i < episodes.size(); i++) {
            b.append(i == 0 ? "" : ",").append(episodes.get(i).intValue());
        }
        b.append(']');
    }

    private static void number(StringBuilder b, String key, Integer value) {
        if (value != null) {
            key(b, key);
            b.append(value.intValue());
        }
    }

    private static void string(StringBuilder b, String key, String value) {
        if (value != null) {
            key(b, key);
            quote(b, value);
        }
    }

    private static void key(StringBuilder b, String key) {
        if (b.length() > 1) {
            b.append(',');
        }
        quote(b, key);
        b.append(':');
    }

    /** Appends a JSON string; control characters and lone surrogates are escaped so the line stays valid. */
    static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || lone) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
