package dev.medley.organize;

import dev.medley.metadata.MediaKind;
import dev.medley.metadata.MediaName;
import dev.medley.metadata.MediaNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The library name of one media file, from its identity and the templates: a path relative to
 * the library without extension, and what the file was taken for; or the problem that keeps it
 * from being named.
 */
record Naming(String relative, String reason, String problem) {
    // Without these a name is not worth filing: the file stays where it is, with the reason.
    private static final Map<Templates.Key, Set<String>> REQUIRED = Map.of(
            Templates.Key.EPISODE, Set.of("show", "season", "episode"),
            Templates.Key.DAILY, Set.of("show", "date"),
            Templates.Key.ANIME, Set.of("show", "absolute", "absoluteEpisode"),
            Templates.Key.MOVIE, Set.of("title"),
            Templates.Key.MUSIC, Set.of("title", "albumArtist"),
            Templates.Key.PODCAST, Set.of("show"),
            Templates.Key.LECTURE, Set.of("course"),
            Templates.Key.AUDIOBOOK, Set.of("book"),
            Templates.Key.OTHER, Set.of("originalName"));

    static Naming problem(String problem) {
        return new Naming(null, null, problem);
    }

    /** Names a main feature, episode, track, podcast, lecture or book by the template of its kind. */
    static Naming main(Templates templates, MediaName name, String stem) {
        Templates.Key key = Templates.Key.of(name);
        Template template = templates.get(key);
        if (template == null) {
            return problem("not recognised as an episode, film, track, podcast, lecture or audiobook (no template for "
                    + key.key() + ")");
        }
        Template.Rendering rendering = template.render(values(name, stem)::get, templates.titleCase());
        Set<String> missing = new TreeSet<>(rendering.missing());
        missing.retainAll(REQUIRED.get(key));
        if (!missing.isEmpty()) {
            return problem("taken for " + name.kind().key() + ", but neither its name, its folders nor its tags give its "
                    + String.join(" or ", missing.stream().map(Naming::spoken).toList()) + hint(name));
        }
        String relative = rendering.path();
        if (name.part() != null && !template.toString().contains("{part")) {
            relative = relative + " - part" + name.part(); // CD1/CD2 would otherwise take the same name.
        }
        return new Naming(relative, describe(name), null);
    }

    /**
     * Names an extra: beside its film (in the folder the movie template gives it) or its show, in
     * the folder of its kind ("Featurettes"), under its own name.
     */
    static Naming extra(Templates templates, List<String> folders, Extras.Extra extra, String stem, Pattern seasonFolder) {
        int owner = extra.ownerFolder();
        if (owner < 0 || owner >= folders.size()) {
            return problem("an extra (" + extra.kind().folder() + "), but no folder above it names its film or show");
        }
        String ownerName = folders.get(owner);
        String home;
        if (seasonFolder.matcher(ownerName).matches() && owner > 0) {
            MediaName show = MediaNames.parse(folders.get(owner - 1));
            home = show.title() == null ? null : SafeNames.segment(show.title());
        } else {
            MediaName parsed = MediaNames.parse(ownerName);
            if (parsed.title() == null) {
                home = null;
            } else if (parsed.kind() == MediaKind.EPISODE) {
                home = SafeNames.segment(parsed.title());
            } else {
                Template.Rendering film = templates.get(Templates.Key.MOVIE).render(values(parsed, stem)::get,
                        templates.titleCase());
                int slash = film.path().lastIndexOf('/');
                home = slash < 0 ? SafeNames.segment(parsed.title()) : film.path().substring(0, slash);
            }
        }
        if (home == null) {
            return problem("an extra, but its film or show cannot be told from the folder '" + ownerName + "'");
        }
        return new Naming(home + "/" + extra.kind().folder() + "/" + SafeNames.segment(stem),
                extra.kind().folder().toLowerCase(java.util.Locale.ROOT) + " of " + home, null);
    }

    /** Returns the template values of a name. */
    static Map<String, Object> values(MediaName name, String stem) {
        Map<String, Object> values = new HashMap<>();
        switch (name.kind()) {
            case EPISODE, PODCAST -> values.put("show", name.title());
            case LECTURE -> values.put("course", name.title());
            case AUDIOBOOK -> {
                values.put("book", name.title());
                values.put("author", name.albumArtist() != null ? name.albumArtist() : name.artist());
            }
            default -> { }
        }
        values.put("title", name.title());
        values.put("season", name.season());
        values.put("episode", name.episodes().size() > 1 ? name.episodes() : name.episode());
        values.put("episodeTitle", name.episodeTitle());
        values.put("absolute", name.absoluteEpisode());
        values.put("absoluteEpisode", name.absoluteEpisode());
        values.put("screenSize", name.screenSize());
        values.put("source", name.source());
        values.put("videoCodec", name.videoCodec());
        values.put("audioCodec", name.audioCodec());
        values.put("releaseGroup", name.releaseGroup());
        values.put("language", name.language());
        values.put("date", name.date());
        values.put("year", name.year());
        values.put("edition", name.edition());
        values.put("part", name.part());
        values.put("artist", name.artist());
        values.put("albumArtist", name.albumArtist() != null ? name.albumArtist() : name.artist());
        values.put("album", name.album());
        values.put("track", name.track());
        values.put("disc", name.disc());
        values.put("extra", name.extra());
        values.put("originalName", stem);
        return values;
    }

    private static String spoken(String field) {
        return switch (field) {
            case "albumArtist" -> "artist";
            case "show" -> "show name";
            case "season" -> "season number";
            case "episode" -> "episode number";
            case "absolute", "absoluteEpisode" -> "absolute episode number";
            case "date" -> "air date";
            default -> field;
        };
    }

    private static String hint(MediaName name) {
        if (name.kind() == MediaKind.EPISODE && name.season() == null) {
            return " (put it in a 'Season N' folder or name it SxxEyy)";
        }
        return "";
    }

    private static String describe(MediaName name) {
        return switch (name.kind()) {
            case EPISODE -> switch (Templates.Key.of(name)) {
                case DAILY -> "episode of " + name.date() + " of " + name.title();
                case ANIME -> "episode " + name.absoluteEpisode() + " of " + name.title();
                default -> "episode " + (name.season() == null ? "" : "S%02d".formatted(name.season()))
                        + (name.episode() == null ? "" : "E%02d".formatted(name.episode())) + " of " + name.title();
            };
            case MOVIE -> "film " + name.title() + (name.year() == null ? "" : " (" + name.year() + ")");
            case MUSIC -> "track " + (name.track() == null ? "" : name.track() + " ") + "'" + name.title() + "'"
                    + (name.albumArtist() != null ? " by " + name.albumArtist() : name.artist() != null ? " by " + name.artist() : "");
            case PODCAST -> "podcast episode " + (name.episode() == null ? "" : name.episode() + " ")
                    + (name.date() == null ? "" : "of " + name.date() + " ") + "of " + name.title();
            case LECTURE -> "lecture " + (name.episode() == null ? "" : name.episode() + " ") + "of " + name.title();
            case AUDIOBOOK -> (name.part() == null ? "audiobook " : "part " + name.part() + " of ") + "'" + name.title()
                    + "'" + (name.albumArtist() != null ? " by " + name.albumArtist()
                            : name.artist() != null ? " by " + name.artist() : "");
            case OTHER -> "other media";
        };
    }
}
