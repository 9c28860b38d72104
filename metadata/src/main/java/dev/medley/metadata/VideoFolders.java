package dev.medley.metadata;

import java.util.List;

/**
 * Completes what a video file name says with its folders: "Show/Season 2/05 - Title.mkv" gets its
 * title from "Show" and its season from "Season 2"; a file with a meaningless name
 * ("a3f9c1.mkv", "Backup_01.mkv") inside a release folder ("Movie.2018.1080p.BluRay-GRP/") takes
 * everything from the folder.
 */
final class VideoFolders {
    private VideoFolders() {}

    static Draft merge(Draft file, PathName path, String name) {
        List<String> folders = path.folders();
        int season = -1;
        String extra = null;
        String show = null;
        int part = -1;
        for (int i = folders.size() - 1; i >= 0 && show == null; i--) {
            String f = folders.get(i);
            int s = seasonFolder(f);
            if (s >= 0 && season < 0) {
                season = s;
                continue;
            }
            int p = MusicShapes.discFolder(f);
            if (p > 0 && part < 0 && season < 0) {
                part = p;
                continue;
            }
            String x = extraFolder(f);
            if (x != null && extra == null && season < 0) {
                extra = x;
                continue;
            }
            if (discStructure(f)) {
                continue; // "Film (1987)/VIDEO_TS/VTS_01_1.VOB": the film is the folder above
            }
            show = f;
        }
        Draft d = file;
        Draft folder = null;
        if (show != null && !file.informative() && !(season >= 0 && file.episodic)) {
            folder = VideoParser.parse(show);
            if (folder.informative()) {
                d = fromFolder(folder, name);
            }
        }
        if (d == file && show != null && (d.title == null || leadingNumber(name) >= 0 && season >= 0 && !d.strong)) {
            folder = folder != null ? folder : VideoParser.parse(show);
            if (folder.title != null) {
                d.title = folder.title;
                d.fromFolder.add(Field.TITLE);
                if (d.year == null && folder.year != null) {
                    d.year = folder.year;
                    d.fromFolder.add(Field.YEAR);
                }
            }
        }
        if (d == file && show != null && d.title != null) {
            folder = folder != null ? folder : VideoParser.parse(show);
            sameTitleFromFolder(d, folder);
        }
        if (season >= 0) {
            if (d.season == null || d.guessed.contains(Field.SEASON)) {
                d.season = season;
                d.fromFolder.add(Field.SEASON);
                d.guessed.remove(Field.SEASON);
            }
            if (!d.strong) {
                int[] lead = LeadingNumber.read(name);
                if (lead != null) {
                    d.episodes = new int[] {lead[0]};
                    d.absoluteEpisode = null;
                    d.episodeTitle = lead[1] < name.length()
                            ? TitleText.clean(name.substring(lead[1]), false, false, false) : null;
                    d.guessed.add(Field.EPISODES);
                    d.strong = true;
                }
            }
            d.episodic = true;
            d.kind = MediaKind.EPISODE;
        }
        if (part > 0 && d.part == null && d.kind != MediaKind.EPISODE) {
            d.part = part;
            d.fromFolder.add(Field.PART);
        }
        if (extra != null && d.extra == null) {
            d.extra = extra;
            d.fromFolder.add(Field.EXTRA);
        }
        return d;
    }

    /**
     * Where the folder names the same title as the file, takes what the folder adds: the year of a
     * film ("Paper Harbour (1995)/Paper Harbour [720p].mkv"), and the folder's spelling when the file
     * is written in lower case ("Quarry.Lane.S02E03.../quarry.lane.s02e03.mkv").
     */
    private static void sameTitleFromFolder(Draft d, Draft folder) {
        if (folder.title == null || !TitleText.sameWords(folder.title, d.title)) {
            return;
        }
        if (d.year == null && folder.year != null && d.kind == MediaKind.MOVIE && !folder.episodic) {
            d.year = folder.year;
            d.fromFolder.add(Field.YEAR);
        }
        if (d.title.equals(d.title.toLowerCase(java.util.Locale.ROOT))
                && !folder.title.equals(folder.title.toLowerCase(java.util.Locale.ROOT))) {
            d.title = folder.title;
        }
    }

    /** Says whether a folder is part of a disc's own structure: VIDEO_TS, BDMV, STREAM, ... */
    private static boolean discStructure(String f) {
        for (String part : DISC_STRUCTURE) {
            if (part.equalsIgnoreCase(f)) {
                return true;
            }
        }
        return false;
    }

    private static final String[] DISC_STRUCTURE = {"VIDEO_TS", "AUDIO_TS", "BDMV", "STREAM", "PLAYLIST", "CLIPINF",
        "BACKUP", "CERTIFICATE"};

    /** Takes the folder's reading, keeping from the file an episode number it gives inside the folder's range. */
    private static Draft fromFolder(Draft folder, String name) {
        for (Field f : Field.values()) {
            folder.fromFolder.add(f);
        }
        folder.fromFolder.remove(Field.KIND);
        int[] lead = LeadingNumber.read(name);
        if (lead != null && lead[1] >= name.length() && folder.episodes.length > 1) {
            for (int e : folder.episodes) {
                if (e == lead[0]) {
                    folder.episodes = new int[] {e};
                    folder.fromFolder.remove(Field.EPISODES);
                    break;
                }
            }
        }
        return folder;
    }

    private static int leadingNumber(String name) {
        int[] lead = LeadingNumber.read(name);
        return lead == null ? -1 : lead[0];
    }

    /** Returns the season a folder name stands for ("Season 2", "S02", "Saison 3 - Title", "Specials" is 0), or -1. */
    static int seasonFolder(String f) {
        String w = f.toLowerCase(java.util.Locale.ROOT).strip();
        if (w.equals("specials") || w.equals("special") || w.equals("extras season")) {
            return 0;
        }
        Tokens t = Tokenizer.tokenize(w);
        if (t.size() == 0 || t.size() > 8) {
            return -1;
        }
        int s = Shapes.season(t.lower(0));
        if (s >= 0 && (t.lower(0).charAt(0) != 's' || t.size() == 1 || t.gapIsLooseDash(1))) {
            return s;
        }
        if (Shapes.isSeasonWord(t.lower(0)) && t.size() >= 2 && t.get(1).isNumber(1, 4)) {
            return t.get(1).value;
        }
        if (t.lower(0).equals("series") && t.size() == 2 && t.get(1).isNumber(1, 2)) {
            return t.get(1).value; // British usage: "Series 2" is the second season
        }
        return -1;
    }

    /** Returns the extra a folder holds ("Trailers", "Featurettes", "Behind The Scenes"), or null. */
    static String extraFolder(String f) {
        StringBuilder b = new StringBuilder(f.length());
        for (int i = 0; i < f.length(); i++) {
            char c = Character.toLowerCase(f.charAt(i));
            if (c >= 'a' && c <= 'z') {
                b.append(c);
            }
        }
        String w = b.toString();
        return switch (w) {
            case "trailers", "trailer" -> "trailer";
            case "featurettes", "featurette" -> "featurette";
            case "behindthescenes" -> "behindthescenes";
            case "deletedscenes", "deleted" -> "deleted";
            case "interviews", "interview" -> "interview";
            case "samples", "sample" -> "sample";
            case "extras", "bonus", "other", "others", "shorts", "scenes" -> "extras";
            default -> null;
        };
    }
}
