package dev.medley.speech;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of whisper.cpp models: lists them, downloads them and checks them.
 *
 * <h2>On disk</h2>
 * <pre>
 *   ggml-base.en.bin          a model; renamed into place only after its sha256 and layout checked out
 *   ggml-base.en.bin.sha256   "a03779c8...d002  ggml-base.en.bin", the hash last verified, as sha256sum writes it
 *   ggml-base.en.bin.part     a download in progress; the next pull resumes it with an HTTP range request
 * </pre>
 * A model counts as verified while its {@code .sha256} file is at least as new as the model and holds the hash
 * Medley knows for that name (any hash, for a name Medley has none for). {@code sha256sum -c} reads the same file.
 *
 * <p>Downloads come from {@link #DEFAULT_BASE_URL}, or from the {@code medley.models.url} system property or the
 * {@code MEDLEY_MODELS_URL} environment variable when set (a mirror, or a test server).
 */
public final class ModelStore {
    /** Where whisper.cpp's own converted models are published. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/");

    // Hugging Face's LFS object ids for ggerganov/whisper.cpp, the same in several independent pinning lists.
    // whisper.cpp's models/README.md lists SHA-1 instead.
    private static final Map<String, String> KNOWN_SHA256 = Map.of(
            "tiny", "be07e048e1e599ad46341c8d2a135645097a538221678b7acdd1b1919c6e1b21",
            "tiny.en", "921e4cf8686fdd993dcd081a5da5b6c365bfde1162e72b08d75ac75289920b1f",
            "base", "60ed5bc3dd14eea856493d334349b405782ddcaf0028d4b5df4088345fba2efe",
            "base.en", "a03779c86df3323075f5e796cb2ce5029f00ec8869eee3fdfb897afe36c6d002",
            "small", "1be3a9b2063867b937e64e2ec7483364a79917e157fa98c5d94b5c1fffea987b",
            "small.en", "c6138d6d58ecc8322097e0f987c32f1be8bb0a18532a3f88f734d1bbf9c41e5d",
            "medium", "6c14d5adee5f86394037b4e4e8b59f1673b6cee10e3cf0b11bbdbee79c156208");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern MODEL_FILE = Pattern.compile("ggml-(.+)\\.bin");
    private static final Pattern SIDECAR = Pattern.compile("([0-9a-f]{64}) [ *](.+)\\s*");

    /**
     * A model in the directory.
     *
     * @param verified whether its sha256 was checked since it last changed
     */
    public record Model(String name, Path file, long size, boolean verified) {}

    /**
     * What {@link #verify} found.
     *
     * @param expectedSha256 the hash Medley knows, or the one recorded at download; null when there is neither
     * @param problem what is wrong, or null when the model is sound
     */
    public record Verification(String name, Path file, String sha256, String expectedSha256, String problem) {
        /** Returns whether the model is sound. */
        public boolean ok() {
            return problem == null;
        }
    }

    /**
     * What {@link #pull} left in place.
     *
     * @param hashKnown false when Medley has no published hash for the name, so {@code sha256} was only recorded
     * @param alreadyPresent true when the model was there already and nothing was downloaded
     */
    public record Pulled(String name, Path file, long size, String sha256, boolean hashKnown, boolean alreadyPresent) {}

    /**
     * Hears how a download goes. Each attempt calls {@link #started} once, then {@link #transferred} as bytes
     * arrive; a resumed attempt starts again from the bytes already on disk. Calls come from the pulling thread,
     * must be quick, and must not throw.
     */
    public interface Progress {
        /** Hears nothing. */
        Progress NONE = new Progress() {};

        /** Receives the bytes kept from earlier attempts and the full size, or -1 when the server does not say. */
        default void started(long resumedFrom, long total) {}

        /** Receives the bytes on disk so far and the full size, or -1. */
        default void transferred(long done, long total) {}
    }

    private final Path directory;
    private final URI baseUrl;
    private final ModelDownload download;
    private final Map<String, String> knownSha256;

    /** Creates a store in {@code directory} that downloads from the configured base URL. */
    public ModelStore(Path directory) {
        this(directory, configuredBaseUrl());
    }

    /** Creates a store in {@code directory} that downloads {@code ggml-<name>.bin} files from {@code baseUrl}. */
    public ModelStore(Path directory, URI baseUrl) {
        this(directory, baseUrl, new ModelDownload(5, Duration.ofSeconds(60)), KNOWN_SHA256);
    }

    ModelStore(Path directory, URI baseUrl, ModelDownload download, Map<String, String> knownSha256) {
        if (directory == null || baseUrl == null) {
            throw new IllegalArgumentException("directory and base URL must not be null");
        }
        this.directory = directory;
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.download = download;
        this.knownSha256 = Map.copyOf(knownSha256);
    }

    /** Returns {@code $MEDLEY_MODELS}, else {@code $XDG_DATA_HOME/medley/models}, else {@code ~/.local/share/medley/models}. */
    public static Path defaultDirectory() {
        return dev.medley.core.DataHome.resolve("MEDLEY_MODELS", "models");
    }

    /** Returns the sha256 published for model {@code name}, if Medley knows it. */
    public static Optional<String> knownSha256(String name) {
        return Optional.ofNullable(KNOWN_SHA256.get(name));
    }

    /** Returns the directory this store keeps models in. */
    public Path directory() {
        return directory;
    }

    /** Returns where model {@code name} lives in this store, whether it is there or not. */
    public Path path(String name) {
        return fileFor(directory, name);
    }

    /** Returns where model {@code name} is downloaded from. */
    public URI url(String name) {
        return baseUrl.resolve(fileFor(directory, name).getFileName().toString());
    }

    static Path fileFor(Path directory, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a model name such as base.en or small");
        }
        return directory.resolve("ggml-" + name + ".bin");
    }

    /** Returns the models in the directory, by name; none when the directory does not exist. */
    public List<Model> list() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Model> models = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = MODEL_FILE.matcher(file.getFileName().toString());
                if (name.matches() && NAME.matcher(name.group(1)).matches() && Files.isRegularFile(file)) {
                    String recorded = recordedSha256(file);
                    String known = knownSha256.get(name.group(1));
                    boolean verified = recorded != null && (known == null || known.equals(recorded));
                    models.add(new Model(name.group(1), file, Files.size(file), verified));
                }
            }
        }
        models.sort(Comparator.comparing(Model::name));
        return models;
    }

    /**
     * Downloads model {@code name} unless it is here already, resuming an earlier partial download. The model
     * appears under its final name only once its sha256 matches the published one (when Medley knows it) and its
     * layout is one whisper.cpp can load; otherwise the download is deleted.
     *
     * @throws IllegalArgumentException when {@code name} is not a model name
     * @throws IOException when the download fails (the partial file is kept for the next try), or the file
     *     downloaded or already present is not the model it should be
     */
    public Pulled pull(String name, Progress progress) throws IOException, InterruptedException {
        Path file = path(name);
        if (Files.exists(file)) {
            Verification check = verify(name);
            if (!check.ok()) {
                throw new IOException(check.problem() + "; delete " + file + " and pull again");
            }
            return new Pulled(name, file, Files.size(file), check.sha256(), knownSha256.containsKey(name), true);
        }
        Files.createDirectories(directory);
        Path part = sibling(file, ".part");
        URI url = url(name);
        long size = download.fetch(url, part, progress == null ? Progress.NONE : progress);
        String sha256 = sha256(part);
        String expected = knownSha256.get(name);
        if (expected != null && !expected.equals(sha256)) {
            Files.deleteIfExists(part);
            throw new IOException("the download of " + url + " has sha256 " + sha256 + ", not the published "
                    + expected + "; deleted it, pull again");
        }
        try {
            WhisperModelCheck.check(part);
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw new IOException("deleted the download of " + url + ": " + e.getMessage(), e);
        }
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        record(file, sha256);
        return new Pulled(name, file, size, sha256, expected != null, false);
    }

    /**
     * Recomputes the sha256 of model {@code name} and checks its layout, recording the hash when all is well.
     *
     * @throws NoSuchFileException when the model is not here
     */
    public Verification verify(String name) throws IOException {
        Path file = path(name);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    "no model '" + name + "' here; run `medley models pull " + name + "`");
        }
        String sha256 = sha256(file);
        String expected = knownSha256.get(name);
        if (expected == null) {
            expected = recordedHash(file);
        }
        String problem = null;
        if (expected != null && !expected.equals(sha256)) {
            problem = "model " + name + " has sha256 " + sha256 + ", expected " + expected;
        } else {
            try {
                WhisperModelCheck.check(file);
            } catch (IOException e) {
                problem = e.getMessage();
            }
        }
        if (problem == null) {
            record(file, sha256);
        } else {
            Files.deleteIfExists(sibling(file, ".sha256"));
        }
        return new Verification(name, file, sha256, expected, problem);
    }

    /** Returns the hash recorded for {@code file} if the record is no older than the file, else null. */
    private static String recordedSha256(Path file) throws IOException {
        Path sidecar = sibling(file, ".sha256");
        if (!Files.isRegularFile(sidecar)
                || Files.getLastModifiedTime(sidecar).compareTo(Files.getLastModifiedTime(file)) < 0) {
            return null;
        }
        return recordedHash(file);
    }

    private static String recordedHash(Path file) throws IOException {
        Path sidecar = sibling(file, ".sha256");
        if (!Files.isRegularFile(sidecar)) {
            return null;
        }
        Matcher line = SIDECAR.matcher(Files.readString(sidecar, StandardCharsets.UTF_8));
        return line.matches() && line.group(2).equals(file.getFileName().toString()) ? line.group(1) : null;
    }

    private static void record(Path file, String sha256) throws IOException {
        Path sidecar = sibling(file, ".sha256");
        Path temporary = sibling(file, ".sha256.tmp");
        Files.writeString(temporary, sha256 + "  " + file.getFileName() + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, sidecar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                digest.update(buffer.flip());
                buffer.clear();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static URI configuredBaseUrl() {
        String configured = System.getProperty("medley.models.url");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("MEDLEY_MODELS_URL");
        }
        return configured == null || configured.isBlank() ? DEFAULT_BASE_URL : URI.create(configured.trim());
    }
}
