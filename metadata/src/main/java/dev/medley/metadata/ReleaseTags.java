package dev.medley.metadata;

/** Fills the technical fields of a draft from the release words after the title, and the release group. */
final class ReleaseTags {
    private ReleaseTags() {}

    static void fill(Tokens t, int from, Draft d) {
        int n = t.size();
        for (int k = 0; k < n; k++) {
            Token tok = t.get(k);
            Tag tag = tok.tag;
            if (tag == null) {
                continue;
            }
            boolean afterTitle = k >= from || tok.depth > 0;
            if (!afterTitle && tag.kind() != Tag.Kind.SUBTITLES) {
                continue; // A word of the title that is also a release word: "Charlotte's Web", "My Pal Rusty"
            }
            String v = tag.value();
            switch (tag.kind()) {
                case RESOLUTION -> {
                    d.technical++;
                    d.screenSize = d.screenSize == null ? v : d.screenSize;
                }
                case SOURCE -> {
                    d.technical++;
                    d.source = d.source == null ? v : d.source;
                }
                case STREAMING -> d.technical++;
                case VIDEO_CODEC -> {
                    d.technical++;
                    d.videoCodec = d.videoCodec == null && !v.isEmpty() ? v : d.videoCodec;
                }
                case AUDIO_CODEC -> {
                    d.technical++;
                    d.audioCodec = d.audioCodec == null ? v : d.audioCodec;
                }
                case LANGUAGE -> {
                    if (afterTitle) {
                        String next = t.lower(k + 1);
                        if (next.startsWith("sub")) {
                            d.subtitleLanguage = d.subtitleLanguage == null ? v : d.subtitleLanguage;
                        } else if (d.language == null) {
                            d.language = v;
                        }
                    }
                }
                case SUBTITLES -> d.subtitleLanguage = d.subtitleLanguage == null && !v.isEmpty() ? v : d.subtitleLanguage;
                case EDITION -> {
                    if (afterTitle) {
                        d.technical++;
                        d.edition = d.edition == null ? v : d.edition;
                    }
                }
                case EXTRA, SPECIAL -> {
                    if (afterTitle) {
                        d.extra = d.extra == null ? v : d.extra;
                    }
                }
                default -> {
                }
            }
        }
        d.releaseGroup = trailingGroup(t);
    }

    /** Returns the group after the last dash ("x264-GROUP"), skipping bracket groups after it ("-GROUP[site]"). */
    static String trailingGroup(Tokens t) {
        int k = t.size() - 1;
        while (k >= 0 && t.get(k).depth > 0) {
            k--;
        }
        if (k <= 0 || !t.gapIs(k, '-')) {
            return null;
        }
        Token tok = t.get(k);
        if (tok.tag != null || tok.digits || tok.length() < 2 || Shapes.episodes(tok.lower) != null
                || Shapes.seasonEpisode(tok.lower) != null) {
            return null;
        }
        return tok.text();
    }
}
