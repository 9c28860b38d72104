package dev.medley.organize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medley.media.sample.SampleMedia;
import dev.medley.metadata.MediaKind;
import dev.medley.metadata.MediaName;
import dev.medley.metadata.MediaNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/*
 * How the fixture keeps its oracle honest: the identity of every episode and film is the corpus's
 * expected value, never the parser's. The parser is only used to leave out the cases it reads
 * differently (about 1 in 100 for episodes, more for films, whose titles keep their dots), both as
 * the corpus gives the name and as the planner will see it (the absolute path in the test
 * library), so that a wrong parse cannot pass for a wrong organiser or the other way round. Two
 * fields the corpus does not give come from the parser, each said so where it is used: an
 * episode's own title (the template puts it after the numbering when the name has one), and the
 * year of a film whose corpus case asserts no year.
 *
 * Every media file is a real, probe-able clip: one clip per container is encoded once, and each file
 * is that clip with eight bytes of its own appended, which players and probers ignore and which
 * keeps every file's content unique (all of the same size, so that the planner's duplicate check
 * has to hash them to tell them apart). Music tracks are encoded one by one with their own tags.
 */

/**
 * Generates a realistic source tree for the organiser: TV episodes and films named as in the
 * Sonarr and Radarr parser corpora, with subtitles, NFOs, transcripts, artwork, extras and samples;
 * tagged music in artist/album folders with covers and lyrics; byte-identical duplicates; odd
 * Unicode names. Records what each file is, so that a test can compute where it must land.
 */
final class LibraryFixture {
    /** What a media file is, as far as the oracle knows. */
    sealed interface Identity permits Episode, Film, Track, ExtraOf {}

    /**
     * An episode as the corpus gives it.
     *
     * @param episodeTitle the episode's own title as {@link MediaNames#parse} reads it from the name,
     *     or null; the corpus has none, so this one field comes from the parser
     */
    record Episode(String show, int season, List<Integer> episodes, String episodeTitle, String corpusInput)
            implements Identity {}

    /**
     * A film as the corpus gives it.
     *
     * @param year the corpus's year; where the corpus case asserts none, the parser's (see
     *     {@code yearFromParser})
     */
    record Film(String title, Integer year, boolean yearFromParser, String corpusInput) implements Identity {}

    /** A music track, with the tags written into it. */
    record Track(String artist, String albumArtist, String album, int year, int disc, int track, String title)
            implements Identity {}

    /**
     * An extra of a film.
     *
     * @param folder the extras folder it lies in below the film's folder ("Featurettes")
     * @param stem its file name without extension
     */
    record ExtraOf(Film film, String folder, String stem, String extension) implements Identity {}

    /** What a media file is to the organiser. */
    enum Role {
        /** The episode, film or track itself. */
        MAIN,
        /** An extra in an extras folder below its film. */
        EXTRA,
        /** A sample clip: stays. */
        SAMPLE,
        /** A byte-identical copy of another media file: stays, reported. */
        DUPLICATE
    }

    /**
     * One media file.
     *
     * @param path its path below the source root, '/' between levels
     * @param identity what it is; for samples and duplicates, what it is a sample or copy of
     * @param original for duplicates, the file it copies; else null
     */
    record MediaFile(String path, Role role, Identity identity, MediaFile original) {
        String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /**
     * One file that travels with a media file of its folder.
     *
     * @param suffix what follows the media's stem in its name (".en.srt", "-poster.jpg"); for a
     *     folder-level file (poster.jpg, cover.jpg, movie.nfo), its whole name
     * @param folderLevel whether the file describes the folder and keeps its name
     */
    record SidecarFile(String path, MediaFile media, String suffix, boolean folderLevel) {
        String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /** The generated tree: every file, each exactly once in one of the two lists. */
    record Library(Path root, List<MediaFile> media, List<SidecarFile> sidecars) {
        int files() {
            return media.size() + sidecars.size();
        }

        long count(Role role, Class<? extends Identity> kind) {
            return media.stream().filter(m -> m.role() == role && kind.isInstance(m.identity())).count();
        }

        @Override
        public String toString() {
            long episodeTitles = media.stream().filter(m -> m.role() == Role.MAIN
                    && m.identity() instanceof Episode e && e.episodeTitle() != null).count();
            long parsedYears = media.stream().filter(m -> m.role() == Role.MAIN
                    && m.identity() instanceof Film f && f.yearFromParser() && f.year() != null).count();
            return ("%d files: %d episodes (%d with the parser's episode title), %d films (%d with the parser's year),"
                    + " %d extras, %d samples, %d tracks, %d duplicates, %d sidecars").formatted(
                    files(), count(Role.MAIN, Episode.class), episodeTitles, count(Role.MAIN, Film.class), parsedYears,
                    count(Role.EXTRA, ExtraOf.class), media.stream().filter(m -> m.role() == Role.SAMPLE).count(),
                    count(Role.MAIN, Track.class), media.stream().filter(m -> m.role() == Role.DUPLICATE).count(),
                    sidecars.size());
        }
    }

    static final String TV = "TV";
    static final String MOVIES = "Movies";
    static final String MUSIC = "Music";
    /** Sorts after the other folders, so its copies are met after their originals. */
    static final String COPIES = "Unsorted copies";

    static final Set<SampleMedia.Format> FORMATS = Set.of(SampleMedia.Format.MKV_H264_AAC,
            SampleMedia.Format.MP4_H264_AAC, SampleMedia.Format.AVI_MPEG4_MP3, SampleMedia.Format.FLAC,
            SampleMedia.Format.MP3, SampleMedia.Format.OGG_VORBIS, SampleMedia.Format.OPUS, SampleMedia.Format.M4A_AAC);

    private static final Map<String, SampleMedia.Format> VIDEO = Map.of(
            "mkv", SampleMedia.Format.MKV_H264_AAC, "mp4", SampleMedia.Format.MP4_H264_AAC,
            "avi", SampleMedia.Format.AVI_MPEG4_MP3);
    private static final List<String> EPISODE_FOLDERS = List.of(TV + "/Downloads", TV + "/Archive", TV + "/Archive/2019");
    // Below a film's folder: the folder an extra lies in, and its name there (odd names on purpose).
    private static final List<String[]> EXTRAS = List.of(
            new String[] {"Featurettes", "Making of: 東京 🎬"},
            new String[] {"Extras", "Cafe\u0301 sce\u0300ne coupe\u0301e"}, // NFD: combining accents
            new String[] {"Behind.The.Scenes", "On set, day 1"},
            new String[] {"Deleted Scenes", "Alternate ending?"},
            new String[] {"Trailers", "Teaser «ünïcödé» 😀"},
            new String[] {"Featurettes", "Über die Dreharbeiten"});
    private static final int MAX_NAME = 240; // bytes; leaves room for the longest sidecar suffix

    private final Path root;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<SampleMedia.Format, byte[]> clips = new EnumMap<>(SampleMedia.Format.class);
    private final List<MediaFile> media = new ArrayList<>();
    private final List<SidecarFile> sidecars = new ArrayList<>();
    // Target names taken so far, compared as a case-insensitive file system would (see TargetNames):
    // a case picked must give a name, and folders, that no case picked before gives in another spelling.
    private final Map<String, String> takenFolders = new HashMap<>();
    private final Set<String> takenFiles = new java.util.HashSet<>();
    private long unique;

    private LibraryFixture(Path root) {
        this.root = root;
    }

    /**
     * Writes the library below {@code root} (created) from the corpora in {@code corpora}, and
     * returns what it holds.
     */
    static Library write(Path root, Path corpora) throws IOException {
        LibraryFixture fixture = new LibraryFixture(root.toAbsolutePath());
        Files.createDirectories(root);
        fixture.episodes(corpora.resolve("sonarr.jsonl"));
        fixture.films(corpora.resolve("radarr.jsonl"));
        fixture.music();
        fixture.duplicates();
        return new Library(fixture.root, List.copyOf(fixture.media), List.copyOf(fixture.sidecars));
    }

    // ---------------------------------------------------------------- TV

    private void episodes(Path corpus) throws IOException {
        int n = 0;
        for (JsonNode line : lines(corpus)) {
            JsonNode expected = line.get("expected");
            if (!"episode".equals(expected.path("type").asText()) || !expected.hasNonNull("title")
                    || !expected.hasNonNull("season") || !expected.hasNonNull("episode")) {
                continue; // incomplete: the corpus does not say where it belongs
            }
            String input = line.get("input").asText();
            String name = fileName(input);
            if (name == null) {
                continue;
            }
            String title = expected.get("title").asText();
            int season = expected.get("season").asInt();
            List<Integer> episodes = new ArrayList<>();
            if (expected.get("episode").isArray()) {
                expected.get("episode").forEach(e -> episodes.add(e.asInt()));
            } else {
                episodes.add(expected.get("episode").asInt());
            }
            Integer year = expected.hasNonNull("year") ? expected.get("year").asInt() : null;
            String path = EPISODE_FOLDERS.get(n % EPISODE_FOLDERS.size()) + "/" + name;
            MediaName fromInput = MediaNames.parse(input);
            MediaName placed = MediaNames.parse(root.resolve(path).toString());
            if (!readsAsEpisode(fromInput, title, season, episodes, year)
                    || !readsAsEpisode(placed, title, season, episodes, year)
                    || !Objects.equals(fromInput.episodeTitle(), placed.episodeTitle())) {
                continue; // the parser disagrees with the corpus: not a test of the organiser
            }
            Episode episode = new Episode(title, season, List.copyOf(episodes), placed.episodeTitle(), input);
            String show = SafeNames.segment(title);
            String base = show + " - S%02dE".formatted(season)
                    + String.join("-E", episodes.stream().map(e -> "%02d".formatted(e)).toList())
                    + (episode.episodeTitle() == null ? "" : " - " + episode.episodeTitle());
            if (!take(List.of(show, "Season %02d".formatted(season)), base)) {
                continue;
            }
            MediaFile file = media(path, Role.MAIN, episode, null);
            String stem = Planner.stem(name);
            if (n % 3 == 0) {
                sidecar(file, stem, ".en.srt", false);
            }
            if (n % 5 == 1) {
                sidecar(file, stem, ".nfo", false);
            }
            if (n % 7 == 2) {
                sidecar(file, stem, ".txt", false); // a transcript
            }
            if (n % 4 == 3) {
                sidecar(file, stem, ".vtt", false);
            }
            n++;
        }
    }

    private static boolean readsAsEpisode(MediaName name, String title, int season, List<Integer> episodes, Integer year) {
        return name.kind() == MediaKind.EPISODE && title.equals(name.title()) && Objects.equals(name.season(), season)
                && name.episodes().equals(episodes) && (year == null || year.equals(name.year()))
                && name.part() == null && name.extra() == null;
    }

    // ---------------------------------------------------------------- films

    private void films(Path corpus) throws IOException {
        int n = 0;
        for (JsonNode line : lines(corpus)) {
            JsonNode expected = line.get("expected");
            if (!"movie".equals(expected.path("type").asText()) || !expected.hasNonNull("title")) {
                continue;
            }
            String input = line.get("input").asText();
            String name = fileName(input);
            if (name == null) {
                continue;
            }
            String title = expected.get("title").asText();
            MediaName fromInput = MediaNames.parse(input);
            boolean yearGiven = expected.has("year");
            Integer year = yearGiven ? (expected.get("year").isNull() ? null : expected.get("year").asInt()) : fromInput.year();
            // Half the films lie in a folder of their release name, half in one named "Title (Year)".
            String folder = n % 2 == 0 ? Planner.stem(name) : year == null ? title : title + " (" + year + ")";
            String path = MOVIES + "/" + folder + "/" + name;
            MediaName placed = MediaNames.parse(root.resolve(path).toString());
            if (!readsAsFilm(fromInput, title, year) || !readsAsFilm(placed, title, year)
                    || Files.exists(root.resolve(MOVIES).resolve(folder))) {
                continue;
            }
            Film film = new Film(title, year, !yearGiven, input);
            String level = SafeNames.segment(year == null ? title : title + " (" + year + ")");
            if (!take(List.of(level), level)) {
                continue;
            }
            MediaFile main = media(path, Role.MAIN, film, null);
            String stem = Planner.stem(name);
            String dir = MOVIES + "/" + folder + "/";
            if (n % 2 == 0) {
                sidecar(main, stem, ".en.srt", false);
            }
            switch (n % 3) {
                case 0 -> sidecar(main, stem, "-poster.jpg", false);
                case 1 -> folderSidecar(main, dir, "poster.jpg");
                default -> { }
            }
            if (n % 5 == 0) {
                folderSidecar(main, dir, "fanart.jpg");
                folderSidecar(main, dir, "movie.nfo");
            }
            // An extra's film is told by the folder above the extras folder, so only where the
            // parser reads that folder's name as the corpus does.
            MediaName folderName = MediaNames.parse(folder);
            boolean folderReads = folderName.kind() != MediaKind.EPISODE && readsAsFilm(folderName, title, year);
            if (n % 4 == 0 && folderReads) {
                String[] extra = EXTRAS.get((n / 4) % EXTRAS.size());
                String extraName = extra[1] + ".mkv";
                MediaFile file = media(dir + extra[0] + "/" + extraName, Role.EXTRA,
                        new ExtraOf(film, extra[0], extra[1], ".mkv"), null);
                if ((n / 4) % 3 == 0) {
                    sidecar(file, extra[1], ".en.srt", false);
                }
            }
            switch (n % 4) {
                case 1 -> media(dir + "Sample/" + stem + "-sample.mkv", Role.SAMPLE, film, null);
                case 2 -> media(dir + stem + ".sample.mkv", Role.SAMPLE, film, null);
                case 3 -> {
                    if (n % 8 == 3) {
                        media(dir + stem + "-sample.mkv", Role.SAMPLE, film, null); // sorts before the film
                    }
                }
                default -> { }
            }
            n++;
        }
    }

    private static boolean readsAsFilm(MediaName name, String title, Integer year) {
        return name.kind() == MediaKind.MOVIE && title.equals(name.title()) && Objects.equals(year, name.year())
                && name.part() == null && name.extra() == null;
    }

    // ---------------------------------------------------------------- music

    private record Album(String folderArtist, String folderAlbum, String albumArtist, String album, String date,
            SampleMedia.Format format, List<String[]> tracks) {}

    private void music() throws IOException {
        // Track rows: disc, track, title, and the performing artist where it is not the album artist.
        List<Album> albums = List.of(
                new Album("Sigur Rós", "Ágætis byrjun", "Sigur Rós", "Ágætis byrjun", "1999-06-12",
                        SampleMedia.Format.FLAC, rows("1|1|Svefn-g-englar", "1|2|Starálfur", "1|3|Flugufrelsarinn",
                                "1|4|Ný batterí", "1|5|Hjartað hamast (bamm bamm bamm)")),
                new Album("坂本龍一", "戦場のメリークリスマス", "坂本龍一", "戦場のメリークリスマス", "1983",
                        SampleMedia.Format.MP3, rows("1|1|戦場のメリークリスマス", "1|2|ザ・シード・アンド・ザ・ソウワー",
                                "1|3|禁じられた色", "1|4|ファイナル・テーマ")),
                new Album("Beyonce\u0301", "Lemonade", "Beyonce\u0301", "Lemonade", "2016-04-23",
                        SampleMedia.Format.M4A_AAC, rows("1|1|Pray You Catch Me", "1|2|Hold Up",
                                "1|3|Don't Hurt Yourself", "1|4|Sorry?", "1|5|6 Inch")),
                new Album("ACDC", "Back in Black", "AC/DC", "Back in Black", "1980-07-25",
                        SampleMedia.Format.OGG_VORBIS, rows("1|1|Hells Bells", "1|2|Shoot to Thrill",
                                "1|3|What Do You Do for Money Honey?", "1|4|Given the Dog a Bone")),
                new Album("Various", "Now: Vol 1", "Various Artists", "Now That's What I Call Music: 🎉 Vol. 1?",
                        "2001", SampleMedia.Format.OPUS, rows("1|1|Crazy in Love|Beyoncé feat. Jay-Z",
                                "1|2|Hey Ya!|OutKast", "1|3|99 Luftballons|Nena", "1|4|Gangnam Style|싸이 (PSY)",
                                "1|5|Ça plane pour moi|Plastic Bertrand", "1|6|Despacito|Luis Fonsi feat. Daddy Yankee")),
                new Album("Björk", "Homogenic", "Björk", "Homogenic", "1997-09-22",
                        SampleMedia.Format.FLAC, rows("1|1|Hunter", "1|2|Jóga", "1|3|Unravel",
                                "2|1|Bachelorette", "2|2|All Neon Like", "2|3|5 Years")),
                new Album("Mötley Crüe", "Dr. Feelgood", "Mötley Crüe", "Dr. Feelgood", "1989",
                        SampleMedia.Format.MP3, rows("1|1|T.n.T. (Terror 'n Tinseltown)", "1|2|Dr. Feelgood",
                                "1|3|Kickstart My Heart", "1|4|Without You")),
                new Album("Emoji Band 🎸", "Hello: World?", "Emoji Band 🎸", "Hello: World?", "2020-02-02",
                        SampleMedia.Format.OGG_VORBIS, rows("1|1|🎉 Party", "1|2|Why? Because: 42",
                                "1|3|\"Quoted\" <angle> *star*", "1|4|Tab\tand  double  space")),
                new Album("Zoe\u0308 Keating", "Into the Trees", "Zoe\u0308 Keating", "Into the Trees", "2010",
                        SampleMedia.Format.OPUS, rows("1|1|Optimist", "1|2|Escape Artist", "1|3|Seven League Boots",
                                "1|4|Hello Night")),
                new Album("Ludwig van Beethoven", "Sinfonie Nr. 9", "Ludwig van Beethoven",
                        "Sinfonie Nr. 9 d-Moll „An die Freude“", "1963", SampleMedia.Format.M4A_AAC,
                        rows("1|1|I. Allegro ma non troppo", "1|2|II. Molto vivace", "1|3|III. Adagio molto e cantabile",
                                "1|4|IV. Presto: „O Freunde, nicht diese Töne!“")),
                new Album("Ásgeir", "Dýrð í dauðaþögn", "Ásgeir", "Dýrð í dauðaþögn", "2012",
                        SampleMedia.Format.MP3, rows("1|1|Hærra", "1|2|Leyndarmál", "1|3|Dýrð í dauðaþögn")));
        int n = 0;
        for (Album album : albums) {
            String dir = MUSIC + "/" + album.folderArtist() + "/" + album.folderAlbum() + "/";
            int year = Integer.parseInt(album.date().substring(0, 4));
            MediaFile first = null;
            for (String[] row : album.tracks()) {
                int disc = Integer.parseInt(row[0]);
                int number = Integer.parseInt(row[1]);
                String artist = row.length > 3 ? row[3] : album.albumArtist();
                Track track = new Track(artist, album.albumArtist(), album.album(), year, disc, number, row[2]);
                String fileTitle = row[2].replace('/', '-').replace('\t', ' ');
                String stem = (disc > 1 ? disc + "-" : "") + "%02d - %s".formatted(number, fileTitle);
                String path = dir + stem + "." + album.format().extension();
                Map<String, String> tags = new LinkedHashMap<>();
                tags.put("artist", artist);
                tags.put("album_artist", album.albumArtist());
                tags.put("album", album.album());
                tags.put("date", album.date());
                tags.put("track", n % 2 == 0 ? Integer.toString(number) : number + "/" + album.tracks().size());
                tags.put("disc", n % 3 == 0 ? disc + "/2" : Integer.toString(disc));
                tags.put("title", row[2]);
                Path file = root.resolve(path);
                Files.createDirectories(file.getParent());
                SampleMedia.write(file, album.format(), Duration.ofMillis(300), tags);
                MediaFile media = add(new MediaFile(path, Role.MAIN, track, null));
                if (n % 4 == 1) {
                    sidecar(media, stem, ".lrc", false);
                }
                if (first == null) {
                    first = media;
                }
                n++;
            }
            folderSidecar(first, dir, "cover.jpg");
        }
    }

    private static List<String[]> rows(String... rows) {
        return Stream.of(rows).map(r -> r.split("\\|")).toList();
    }

    // ---------------------------------------------------------------- duplicates

    /** Copies some media, byte for byte, under other names into a folder of their own. */
    private void duplicates() throws IOException {
        List<MediaFile> originals = new ArrayList<>();
        List<MediaFile> episodes = media.stream().filter(m -> m.role() == Role.MAIN && m.identity() instanceof Episode).toList();
        List<MediaFile> films = media.stream().filter(m -> m.role() == Role.MAIN && m.identity() instanceof Film).toList();
        List<MediaFile> tracks = media.stream().filter(m -> m.role() == Role.MAIN && m.identity() instanceof Track).toList();
        originals.add(episodes.get(1));
        originals.add(episodes.get(episodes.size() / 2));
        originals.add(episodes.get(episodes.size() - 1));
        originals.add(films.get(3));
        originals.add(films.get(films.size() - 2));
        originals.add(tracks.get(2));
        originals.add(tracks.get(tracks.size() - 1));
        int n = 0;
        for (MediaFile original : originals) {
            String name = original.name();
            // The same name in another folder, or another name: a copy "(1)" as browsers make them.
            String copy = switch (n % 3) {
                case 0 -> name;
                case 1 -> Planner.stem(name) + " (1)." + Planner.extension(name);
                default -> "Copy of " + name;
            };
            String path = COPIES + "/" + (n % 2 == 0 ? "" : "from phone/") + copy;
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.copy(root.resolve(original.path()), file);
            MediaFile duplicate = add(new MediaFile(path, Role.DUPLICATE, original.identity(), original));
            if (n == 0) {
                sidecar(duplicate, Planner.stem(copy), ".en.srt", false); // stays with its media
            }
            n++;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Writes a clip for {@code path} (by its extension) and records it. */
    private MediaFile media(String path, Role role, Identity identity, MediaFile original) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        SampleMedia.Format format = VIDEO.getOrDefault(Planner.extension(path), SampleMedia.Format.MKV_H264_AAC);
        byte[] clip = clips.get(format);
        if (clip == null) {
            Path encoded = Files.createTempFile(root, ".clip-", "." + format.extension());
            SampleMedia.write(encoded, format, Duration.ofSeconds(1), Map.of());
            clip = Files.readAllBytes(encoded);
            Files.delete(encoded);
            clips.put(format, clip);
        }
        Files.write(file, ByteBuffer.allocate(clip.length + Long.BYTES).put(clip).putLong(++unique).array());
        return add(new MediaFile(path, role, identity, original));
    }

    private MediaFile add(MediaFile file) {
        media.add(file);
        return file;
    }

    private void sidecar(MediaFile media, String stem, String suffix, boolean folderLevel) throws IOException {
        String dir = media.path().substring(0, media.path().lastIndexOf('/') + 1);
        write(new SidecarFile(dir + stem + suffix, media, suffix, folderLevel));
    }

    private void folderSidecar(MediaFile media, String dir, String name) throws IOException {
        write(new SidecarFile(dir + name, media, name, true));
    }

    private void write(SidecarFile sidecar) throws IOException {
        Path file = root.resolve(sidecar.path());
        Files.createDirectories(file.getParent());
        String text = switch (Planner.extension(sidecar.name())) {
            case "srt" -> "1\n00:00:00,000 --> 00:00:01,000\n" + sidecar.name() + "\n";
            case "vtt" -> "WEBVTT\n\n00:00.000 --> 00:01.000\n" + sidecar.name() + "\n";
            case "lrc" -> "[00:00.00]" + sidecar.name() + "\n";
            case "nfo" -> "<movie><title>" + sidecar.name() + "</title></movie>\n";
            default -> sidecar.name() + "\n"; // transcripts, and stand-ins for artwork
        };
        Files.writeString(file, text, StandardCharsets.UTF_8);
        sidecars.add(sidecar);
    }

    /**
     * Claims the target folders and file base name a case would take; false when they clash with
     * an earlier case's (the same name, or the same folder spelled otherwise).
     */
    private boolean take(List<String> folders, String base) {
        List<String> keys = new ArrayList<>();
        String soFar = "";
        for (String folder : folders) {
            soFar = soFar + "/" + folder;
            String spelled = takenFolders.get(SafeNames.foldKey(soFar));
            if (spelled != null && !spelled.equals(soFar)) {
                return false;
            }
            keys.add(soFar);
        }
        String file = SafeNames.foldKey(soFar + "/" + SafeNames.segment(base));
        if (!takenFiles.add(file)) {
            return false;
        }
        keys.forEach(k -> takenFolders.put(SafeNames.foldKey(k), k));
        return true;
    }

    /**
     * Returns the file name for a corpus input: its last path element, with ".mkv" added unless it
     * ends in a video extension; null when it cannot be a visible file name of a sane length.
     */
    private static String fileName(String input) {
        String name = input.substring(Math.max(input.lastIndexOf('/'), input.lastIndexOf('\\')) + 1);
        if (!VIDEO.containsKey(Planner.extension(name))) {
            name = name + ".mkv";
        }
        if (name.startsWith(".") || name.indexOf('\0') >= 0 || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME
                || name.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return name;
    }

    private List<JsonNode> lines(Path corpus) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                try {
                    nodes.add(json.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(corpus + ": " + line, e);
                }
            }
        }
        return nodes;
    }
}
