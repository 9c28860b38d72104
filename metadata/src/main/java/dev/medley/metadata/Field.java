package dev.medley.metadata;

/** Lists the fields of a {@link MediaName}, to say where each came from in an {@link Identity}. */
public enum Field {
    KIND("kind"),
    TITLE("title"),
    YEAR("year"),
    SEASON("season"),
    EPISODES("episode"),
    ABSOLUTE_EPISODE("absoluteEpisode"),
    DATE("date"),
    EPISODE_TITLE("episodeTitle"),
    PART("part"),
    EXTRA("extra"),
    EDITION("edition"),
    SCREEN_SIZE("screenSize"),
    SOURCE("source"),
    VIDEO_CODEC("videoCodec"),
    AUDIO_CODEC("audioCodec"),
    RELEASE_GROUP("releaseGroup"),
    LANGUAGE("language"),
    SUBTITLE_LANGUAGE("subtitleLanguage"),
    ARTIST("artist"),
    ALBUM_ARTIST("albumArtist"),
    ALBUM("album"),
    TRACK("track"),
    DISC("disc"),
    FEATURING("featuring"),
    VERSION("version");

    private final String key;

    Field(String key) {
        this.key = key;
    }

    /** Returns the field's key in JSON output. */
    public String key() {
        return key;
    }
}
