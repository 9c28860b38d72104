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
    private static final Map<MediaKind, Set<String>> REQUIRED = Map.of(
            MediaKind.EPISODE, Set.of("show", "season", "episode"),
            MediaKind.MOVIE, Set.of("title"),
            MediaKind.MUSIC, Set.of("title", "albumArtist"),
            MediaKind.OTHER, Set.of("originalName"));

    static Naming problem(String problem) {
        return new Naming(null, null, problem);
    }

    /** Names a main feature, episode or track by the template of its kind. */
    static Naming main(Templates templates, MediaName name, String stem) {
        Template template = templates.forKind(name.kind());
        if (template == null) {
            return problem("not recognised as an episode, film or track (no template for " + name.kind().key() + ")");
        }
        Template.Rendering rendering = template.render(values(name, stem)::get);
        Set<String> missing = new TreeSet<>(rendering.missing());
        missing.retainAll(REQUIRED.get(name.kind()));
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
                Template.Rendering film = templates.movie().render(values(parsed, stem)::get);
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
        if (name.kind() == MediaKind.EPISODE) {
            values.put("show", name.title());
        }
        values.put("title", name.title());
        values.put("season", name.season());
        values.put("episode", name.episodes().size() > 1 ? name.episodes() : name.episode());
        values.put("episodeTitle", name.episodeTitle());
        values.put("absoluteEpisode", name.absoluteEpisode());
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
            default -> field;
        };
    }

    private static String hint(MediaName name) {
        if (name.kind() == MediaKind.EPISODE && name.season() == null && name.absoluteEpisode() != null) {
            return " (absolute episode " + name.absoluteEpisode() + "; put it in a 'Season N' folder or name it SxxEyy)";
        }
        if (name.kind() == MediaKind.EPISODE && name.date() != null) {
            return " (a daily show dated " + name.date() + "; add {date} to the episode template to file it)";
        }
        return "";
    }

    private static String describe(MediaName name) {
        return switch (name.kind()) {
            case EPISODE -> "episode " + (name.season() == null ? "" : "S%02d".formatted(name.season()))
                    + (name.episode() == null ? "" : "E%02d".formatted(name.episode())) + " of " + name.title();
            case MOVIE -> "film " + name.title() + (name.year() == null ? "" : " (" + name.year() + ")");
            case MUSIC -> "track " + (name.track() == null ? "" : name.track() + " ") + "'" + name.title() + "'"
                    + (name.albumArtist() != null ? " by " + name.albumArtist() : name.artist() != null ? " by " + name.artist() : "");
            case PODCAST, LECTURE, AUDIOBOOK -> name.kind().key() + " " + name.title();
            case OTHER -> "other media";
        };
    }
}
