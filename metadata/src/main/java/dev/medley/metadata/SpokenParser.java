package dev.medley.metadata;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/*
 * Spoken audio is filed like a show or a book, not like music, so it must be told apart before the
 * music parser reads "Lecture 01 - Title" as artist "Lecture 01". The cues, strongest first:
 *
 *   folders   a "Podcasts", "Lectures", "Courses" or "Audiobooks" folder anywhere above the file (the
 *             scan root included: it is where the user keeps such files), a folder named as a course
 *             ("Machine Learning Course"), and the .m4b extension, which is the audiobook container;
 *   names     "Lecture 03", "Lec3", "Class 5", "Session 12"; "Chapter 7"; "S01E01"; "Ep 12" or
 *             "Episode 12" under a show folder; "Part 2" only beside another cue, since songs have parts;
 *   tags      (in Identify) genre Podcast, Audiobook, Speech, Spoken; the podcast and media_type tags;
 *   duration  (in Identify) a single file of hours in an author/book layout.
 *
 * Fields: title is the show, course or book; episodes the episode or lecture number; part the part or
 * chapter of a book; episodeTitle the item's own title; artist the author of a book.
 */

/** Reads the names of podcasts, lectures and audiobooks from the cues of their folders and names. */
final class SpokenParser {
    private static final Set<String> PODCAST_FOLDERS = Set.of("podcast", "podcasts", "mypodcasts");
    private static final Set<String> LECTURE_FOLDERS = Set.of("lecture", "lectures", "course", "courses", "class",
            "classes", "lessons", "coursera", "udemy", "edx", "mooc", "moocs", "ocw", "opencourseware", "itunesu");
    private static final Set<String> AUDIOBOOK_FOLDERS = Set.of("audiobook", "audiobooks", "books",
            "h\u00f6rb\u00fccher", "h\u00f6rbuch", "hoerbuecher", "horbucher", "livresaudio", "audiolibros",
            "audiolibri", "luisterboeken", "ljudb\u00f6cker");
    /** Names words that make a folder a course of its own: "Machine Learning Course", "CS50 Lectures". */
    private static final Set<String> COURSE_WORDS = Set.of("course", "lectures", "lecture");
    /** Names folders inside a show, course or book that group its items: "Season 1", "Week 3", "Module 2", "CD1". */
    private static final Set<String> GROUP_WORDS = Set.of("season", "series", "week", "unit", "module", "section",
            "volume", "vol", "cd", "disc", "disk");

    /**
     * A cue in a name: its kind, its number, and the text before and after it.
     *
     * @param strong whether the cue alone says the kind ("Lecture 3"), rather than only beside a show folder ("Ep 3")
     *     or another cue ("Part 3")
     */
    private record Cue(MediaKind kind, boolean strong, boolean loose, int number, int season, String before,
            String after) {}

    private SpokenParser() {}

    /** Returns the spoken reading of an audio file's name and folders, or null when nothing says it is spoken. */
    static Draft parse(PathName path, String name) {
        return parse(path, name, null);
    }

    /**
     * Returns the reading of an audio file as {@code kind}, or when {@code kind} is null as the
     * kind its cues give; null when none does.
     */
    static Draft parse(PathName path, String name, MediaKind kind) {
        Cue cue = cue(name);
        MediaKind chosen = kind;
        if (chosen == null) {
            chosen = folderKind(path);
        }
        if (chosen == null && path.extension().equals("m4b")) {
            chosen = MediaKind.AUDIOBOOK;
        }
        if (chosen == null && cue != null
                && (cue.strong || (cue.kind == MediaKind.PODCAST && !cue.loose && showFolder(path) >= 0))) {
            chosen = cue.kind;
        }
        if (chosen == null) {
            return null;
        }
        return read(path, name, chosen, cue);
    }

    /**
     * Returns the lecture a video file is, from a lecture cue in its name ("Lecture 03") or a course
     * folder above it; null when neither says so. Podcasts and books are audio; lectures are often video.
     */
    static Draft lecture(PathName path, String name) {
        // Every video name comes here: most go no further than these scans, which allocate nothing.
        boolean mentioned = containsIgnoreCase(name, "lec");
        boolean courseLike = false;
        for (String f : path.folders()) {
            courseLike |= containsIgnoreCase(f, "lec") || containsIgnoreCase(f, "cours") || containsIgnoreCase(f, "class")
                    || containsIgnoreCase(f, "lesson") || containsIgnoreCase(f, "mooc") || containsIgnoreCase(f, "udemy")
                    || containsIgnoreCase(f, "edx") || containsIgnoreCase(f, "ocw") || containsIgnoreCase(f, "itunes");
        }
        if (!mentioned && !courseLike) {
            return null;
        }
        boolean folder = courseLike && folderKind(path) == MediaKind.LECTURE;
        Cue cue = cue(name);
        boolean named = cue != null && cue.kind == MediaKind.LECTURE && cue.strong;
        return folder || named ? read(path, name, MediaKind.LECTURE, cue) : null;
    }

    private static boolean containsIgnoreCase(String s, String lowerWord) {
        char first = lowerWord.charAt(0);
        char upper = Character.toUpperCase(first);
        int last = s.length() - lowerWord.length();
        for (int i = 0; i <= last; i++) {
            char c = s.charAt(i);
            if ((c == first || c == upper) && s.regionMatches(true, i + 1, lowerWord, 1, lowerWord.length() - 1)) {
                return true;
            }
        }
        return false;
    }

    // "The Salt Road (Unabridged)": how the book was read is not its title.
    private static String withoutAbridgement(String title) {
        if (title == null) {
            return null;
        }
        String t = title.replaceAll("(?i)\\s*[(\\[](un)?abridged[)\\]]", "").strip();
        return t.isEmpty() ? title : t;
    }

    /** Returns the kind the folders above a file speak for, nearest first, or null. */
    static MediaKind folderKind(PathName path) {
        List<String> folders = path.folders();
        for (int i = folders.size() - 1; i >= 0; i--) {
            String key = squeeze(folders.get(i));
            if (PODCAST_FOLDERS.contains(key)) {
                return MediaKind.PODCAST;
            }
            if (LECTURE_FOLDERS.contains(key) || courseFolder(folders.get(i))) {
                return MediaKind.LECTURE;
            }
            if (AUDIOBOOK_FOLDERS.contains(key)) {
                return MediaKind.AUDIOBOOK;
            }
        }
        return null;
    }

    private static Draft read(PathName path, String name, MediaKind kind, Cue cue) {
        Draft d = new Draft();
        d.kind = kind;
        String own = name.replace('_', ' ');
        String before = null;
        int number = -1;
        if (cue != null) {
            number = cue.number;
            if (cue.season > 0) {
                d.season = cue.season;
            }
            before = cue.before;
            own = cue.after;
        } else {
            LocalDate date = leadingDate(own);
            int[] lead = date == null ? MusicShapes.leadingTrack(own, true) : null;
            if (date != null) {
                d.date = date;
                own = own.substring(10);
            } else if (lead != null) {
                number = lead[0];
                own = own.substring(lead[2]);
            } else {
                // "Show 245 - Title", "Book - 05", "Show - 2023-05-21": numbering after the show's or book's name
                List<String> parts = MusicShapes.split(TitleText.trim(own));
                String head = parts.getFirst();
                int space = head.lastIndexOf(' ');
                String last = parts.getLast();
                if (parts.size() >= 2 && (date = leadingDate(last)) != null) {
                    d.date = date;
                    before = String.join(" - ", parts.subList(0, parts.size() - 1));
                    own = last.substring(10);
                } else if (parts.size() >= 2 && isNumber(last)) {
                    number = Integer.parseInt(last);
                    before = String.join(" - ", parts.subList(0, parts.size() - 1));
                    own = "";
                } else if (space > 0 && isNumber(head.substring(space + 1)) && showFolder(path) >= 0
                        && same(path.folders().get(showFolder(path)), head.substring(0, space))) {
                    number = Integer.parseInt(head.substring(space + 1));
                    before = head.substring(0, space);
                    own = String.join(" - ", parts.subList(1, parts.size()));
                }
            }
        }
        if (number >= 0) {
            if (kind == MediaKind.AUDIOBOOK) {
                d.part = number;
            } else {
                d.episodes = new int[] {number};
            }
        }
        List<String> parts = MusicShapes.split(TitleText.trim(own));
        if (before == null && number < 0 && d.date == null && parts.size() >= 2) {
            // "Show - Title", "Author - Book": the first part names who or what the item belongs to.
            own = String.join(" - ", parts.subList(1, parts.size()));
            if (kind == MediaKind.AUDIOBOOK) {
                d.artist = clean(parts.getFirst());
            } else {
                before = parts.getFirst();
            }
        }
        MusicText.Part title = MusicText.clean(own);
        String itemTitle = kind == MediaKind.AUDIOBOOK ? withoutAbridgement(blank(title.text)) : blank(title.text);
        if (title.year != null) {
            d.year = title.year;
        }
        collection(d, path, before, itemTitle, number >= 0 || d.date != null);
        if (kind == MediaKind.AUDIOBOOK && d.title == null) {
            d.title = itemTitle; // a whole book in one file: its name is the book
        } else if (itemTitle != null && !itemTitle.equalsIgnoreCase(d.title)) {
            d.episodeTitle = itemTitle;
        }
        if (d.title == null && d.episodeTitle != null && kind != MediaKind.AUDIOBOOK && d.episodes.length == 0) {
            d.title = d.episodeTitle; // nothing else names the show: the item stands alone
            d.episodeTitle = null;
        }
        return d;
    }

    /**
     * Fills the show, course or book (and a book's author) from the text before the cue, else from
     * the nearest folders that name things.
     */
    private static void collection(Draft d, PathName path, String before, String itemTitle, boolean numbered) {
        List<String> named = before == null ? List.of() : MusicShapes.split(before).stream()
                .filter(TitleText::hasLetter).toList();
        if (!named.isEmpty()) {
            String last = clean(named.getLast());
            d.title = last;
            if (d.kind == MediaKind.AUDIOBOOK && named.size() >= 2) {
                d.artist = clean(named.get(named.size() - 2));
            }
        }
        int i = showFolder(path);
        if (i < 0) {
            return;
        }
        String folder = stripLeadingYear(path.folders().get(i).replace('_', ' '), d);
        if (d.title == null) {
            List<String> folderParts = MusicShapes.split(folder);
            if (d.kind == MediaKind.AUDIOBOOK && folderParts.size() >= 2) {
                d.artist = clean(folderParts.getFirst()); // "Author - Book/"
                d.title = clean(String.join(" - ", folderParts.subList(1, folderParts.size())));
                d.fromFolder.add(Field.ARTIST);
            } else if (d.kind == MediaKind.AUDIOBOOK && !numbered && !same(folder, itemTitle)) {
                if (d.artist == null) {
                    d.artist = clean(folder); // "Author/Book.m4b": the folder names the author
                    d.fromFolder.add(Field.ARTIST);
                }
                return;
            } else {
                d.title = clean(folder);
            }
            d.fromFolder.add(Field.TITLE);
        } else if (d.kind == MediaKind.AUDIOBOOK && d.artist == null && !same(folder, d.title)) {
            d.artist = clean(folder);
            d.fromFolder.add(Field.ARTIST);
            return;
        }
        if (d.kind == MediaKind.AUDIOBOOK && d.artist == null) {
            int above = nextNamingFolder(path, i - 1);
            if (above >= 0) {
                d.artist = clean(path.folders().get(above));
                d.fromFolder.add(Field.ARTIST);
            }
        }
    }

    /**
     * Returns the index of the nearest folder that names the file's show, course or book, or -1: not
     * a folder that groups items ("Season 1", "CD2"), a cue folder ("Podcasts") or a container
     * ("Downloads"); below the scan root, or the root itself where a cue folder holds it.
     */
    private static int showFolder(PathName path) {
        return nextNamingFolder(path, path.folders().size() - 1);
    }

    private static int nextNamingFolder(PathName path, int from) {
        List<String> folders = path.folders();
        for (int i = from; i >= 0; i--) {
            String f = folders.get(i);
            if (isCueFolder(f) || MusicParser.isContainer(folders, i)) {
                return -1;
            }
            if (groupFolder(f)) {
                continue;
            }
            boolean held = i >= 1 && isCueFolder(folders.get(i - 1));
            return path.belowRoot(i) || held || (i >= 2 && isCueFolder(folders.get(i - 2))) ? i : -1;
        }
        return -1;
    }

    private static boolean isCueFolder(String folder) {
        String key = squeeze(folder);
        return PODCAST_FOLDERS.contains(key) || LECTURE_FOLDERS.contains(key) || AUDIOBOOK_FOLDERS.contains(key);
    }

    /** Says whether a folder groups the items of a show or course: "Season 2", "Week 03", "Module 1", "CD2". */
    private static boolean groupFolder(String folder) {
        List<String> words = MusicText.words(folder.toLowerCase(Locale.ROOT));
        if (words.size() == 2 && GROUP_WORDS.contains(words.get(0)) && isNumber(words.get(1))) {
            return true;
        }
        return words.size() == 1 && MusicShapes.discFolder(folder) > 0;
    }

    /** Says whether a folder names a course of its own: "Machine Learning Course", "CS50 Lectures". */
    private static boolean courseFolder(String folder) {
        List<String> words = MusicText.words(folder.toLowerCase(Locale.ROOT));
        return words.size() >= 2 && COURSE_WORDS.contains(words.getLast());
    }

    /*
     * Cues are found by a scan for their words at the starts of words, not by a regular expression:
     * a name of a thousand characters costs a thousand steps.
     */

    /** Returns the first cue in a name, or null. */
    private static Cue cue(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            if (i > 0 && !isSeparator(lower.charAt(i - 1))) {
                continue;
            }
            Cue cue = cueAt(name, lower, i);
            if (cue != null) {
                return cue;
            }
        }
        return null;
    }

    private static Cue cueAt(String name, String lower, int at) {
        if (lower.charAt(at) == 's') {
            int[] se = seasonEpisode(lower, at);
            if (se != null) {
                return new Cue(MediaKind.PODCAST, true, false, se[1], se[0], before(name, at), after(name, se[2]));
            }
        }
        for (CueWord w : CueWord.WORDS) {
            if (!lower.startsWith(w.word, at)) {
                continue;
            }
            int j = at + w.word.length();
            if (j < lower.length() && lower.charAt(j) == '.') {
                j++;
            }
            while (j < lower.length() && (lower.charAt(j) == ' ' || lower.charAt(j) == '_' || lower.charAt(j) == '-'
                    || lower.charAt(j) == '#')) {
                j++;
            }
            int[] pos = {j};
            int n = Shapes.digits(lower, pos, 4);
            if (n < 0 || (pos[0] < lower.length() && Character.isLetterOrDigit(lower.charAt(pos[0])))) {
                continue;
            }
            if (w.partStart && !startsPart(lower, at)) {
                continue; // "BBC Session 2": words of a title
            }
            String before = before(name, at);
            // "Show #114 - Guest" numbers an episode; "Symphony #5 in C" or a song's "#1" do not say so.
            boolean hash = w.word.equals("#");
            boolean strong = hash ? pos[0] - j >= 2 && dashFollows(lower, pos[0])
                    : w.strong && (w.kind != MediaKind.PODCAST || before != null); // "Ep 3 - Title" may be a song
            // A "#" inside a title ("Song #1") counts only where a podcast folder has already said what the file is.
            boolean loose = hash && !strong && !startsPart(lower, at);
            return new Cue(w.kind, strong, loose, n, -1, before, after(name, pos[0]));
        }
        return null;
    }

    /**
     * A word that, with a number after it, says what an item is.
     *
     * @param partStart whether the word counts only where it starts the name or a dashed part of it
     */
    private record CueWord(String word, MediaKind kind, boolean strong, boolean partStart) {
        // Longer words first, so that "lecture" is not read as "lec" and "ture".
        static final List<CueWord> WORDS = List.of(
                new CueWord("lecture", MediaKind.LECTURE, true, false),
                new CueWord("lec", MediaKind.LECTURE, true, false),
                new CueWord("class", MediaKind.LECTURE, true, true),
                new CueWord("session", MediaKind.LECTURE, true, true),
                new CueWord("chapter", MediaKind.AUDIOBOOK, true, false),
                new CueWord("chap", MediaKind.AUDIOBOOK, true, false),
                // Songs carry no episode numbers: "Show Episode 115", "Show_Ep116", "Show - Ep 112 - Guest".
                new CueWord("episode", MediaKind.PODCAST, true, false),
                new CueWord("ep", MediaKind.PODCAST, true, false),
                new CueWord("#", MediaKind.PODCAST, false, false),
                new CueWord("part", MediaKind.AUDIOBOOK, false, false),
                new CueWord("pt", MediaKind.AUDIOBOOK, false, false));
    }

    private static boolean dashFollows(String lower, int from) {
        int i = from;
        while (i < lower.length() && (lower.charAt(i) == ' ' || lower.charAt(i) == '_')) {
            i++;
        }
        return i < lower.length() && (lower.charAt(i) == '-' || lower.charAt(i) == '\u2013' || lower.charAt(i) == '\u2014');
    }

    /** Says whether {@code at} starts the name or a part of it after a dash: "Ep 3", "Show - Ep 3". */
    private static boolean startsPart(String lower, int at) {
        int i = at - 1;
        while (i >= 0 && (lower.charAt(i) == ' ' || lower.charAt(i) == '_')) {
            i--;
        }
        return i < 0 || lower.charAt(i) == '-' || lower.charAt(i) == '\u2013' || lower.charAt(i) == '\u2014';
    }

    /** Reads "s01e02" at {@code at}: {season, episode, end}, or null. */
    private static int[] seasonEpisode(String lower, int at) {
        int[] pos = {at + 1};
        int s = Shapes.digits(lower, pos, 2);
        if (s < 0 || pos[0] >= lower.length()) {
            return null;
        }
        if (lower.charAt(pos[0]) == ' ' || lower.charAt(pos[0]) == '.') {
            pos[0]++;
        }
        if (pos[0] >= lower.length() || lower.charAt(pos[0]) != 'e') {
            return null;
        }
        pos[0]++;
        int e = Shapes.digits(lower, pos, 4);
        if (e < 0 || (pos[0] < lower.length() && Character.isLetterOrDigit(lower.charAt(pos[0])))) {
            return null;
        }
        return new int[] {s, e, pos[0]};
    }

    private static String before(String name, int at) {
        String b = name.substring(0, at).replace('_', ' ');
        if (b.indexOf(' ') < 0) {
            b = TitleText.undot(b); // "Tech.Tangents.EP247"
        }
        b = TitleText.trim(b);
        return b.isEmpty() ? null : b;
    }

    private static String after(String name, int from) {
        return TitleText.trim(name.substring(from).replace('_', ' '));
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '_' || c == '-' || c == '.' || c == '(' || c == '[' || c == '\u2013' || c == '\u2014';
    }

    /** Reads "2024-01-15", "2024.01.15" or "2024_01_15" at the start of a name. */
    private static LocalDate leadingDate(String s) {
        if (s.length() < 10 || (s.length() > 10 && Character.isLetterOrDigit(s.charAt(10)))) {
            return null;
        }
        char a = s.charAt(4);
        if ((a != '-' && a != '.' && a != '_') || s.charAt(7) != a) {
            return null;
        }
        int[] pos = {0};
        int y = Shapes.digits(s, pos, 4);
        pos[0] = 5;
        int m = Shapes.digits(s, pos, 2);
        pos[0] = 8;
        int day = Shapes.digits(s, pos, 2);
        if (y < 1900 || m < 1 || day < 1) {
            return null;
        }
        try {
            return LocalDate.of(y, m, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Strips a leading year ("1977 - The Shining", as Audiobookshelf names books), noting it. */
    private static String stripLeadingYear(String folder, Draft d) {
        List<String> parts = MusicShapes.split(folder);
        if (parts.size() >= 2 && parts.getFirst().length() == 4) {
            Integer year = Identify.year(parts.getFirst());
            if (year != null && parts.getFirst().chars().allMatch(Character::isDigit)) {
                if (d.year == null) {
                    d.year = year;
                    d.fromFolder.add(Field.YEAR);
                }
                return String.join(" - ", parts.subList(1, parts.size()));
            }
        }
        return folder;
    }

    private static String clean(String text) {
        return blank(MusicText.clean(text).text);
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && clean(a) != null && clean(a).equalsIgnoreCase(b);
    }

    private static boolean isNumber(String w) {
        return !w.isEmpty() && w.length() <= 3 && w.chars().allMatch(Character::isDigit);
    }

    private static String squeeze(String folder) {
        StringBuilder b = new StringBuilder(folder.length());
        for (int i = 0; i < folder.length(); i++) {
            char c = folder.charAt(i);
            if (c != ' ' && c != '.' && c != '_' && c != '-') {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
