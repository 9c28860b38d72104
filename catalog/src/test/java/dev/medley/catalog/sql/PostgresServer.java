package dev.medley.catalog.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: the installed binaries (Debian's {@code postgresql} package),
 * a temporary data directory, a free port on loopback and password authentication. PostgreSQL will
 * not run as root, so under root it runs as the {@code postgres} account (else {@code nobody}).
 *
 * <p>One server per JVM, started on first use and stopped at exit; each test takes a database of
 * its own ({@link #newDatabase}). Tests skip when PostgreSQL is not installed, or when
 * {@code MEDLEY_TEST_POSTGRESQL=off}; a PostgreSQL that is installed but does not start fails them.
 */
public final class PostgresServer {
    /** The superuser tests connect as. */
    public static final String USER = "medley";
    /** Its password; test catalogs' URLs carry it, which is how a catalog's password reaches the driver. */
    public static final String PASSWORD = "pg-test-secret";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static PostgresServer shared;
    private static boolean looked;

    private final Path base;
    private final Process process;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path base, Process process, int port) {
        this.base = base;
        this.process = process;
        this.port = port;
    }

    /**
     * Returns the JVM's server, starting it on first call; empty when PostgreSQL is not installed here
     * or tests were told not to use it.
     *
     * @throws IllegalStateException if PostgreSQL is installed but does not start
     */
    public static synchronized Optional<PostgresServer> shared() {
        if (!looked) {
            looked = true;
            Optional<Path> bin = binaries();
            if (bin.isPresent() && !"off".equals(System.getenv("MEDLEY_TEST_POSTGRESQL"))) {
                shared = start(bin.get());
            }
        }
        return Optional.ofNullable(shared);
    }

    /** Returns why {@link #shared} is empty, for a skipped test's message. */
    public static String absence() {
        return "off".equals(System.getenv("MEDLEY_TEST_POSTGRESQL"))
                ? "MEDLEY_TEST_POSTGRESQL=off"
                : "PostgreSQL is not installed (apt-get install postgresql)";
    }

    // The newest installed version's folder of binaries: Debian's layout, else whatever PATH has.
    private static Optional<Path> binaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(version -> version.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                        .max(Comparator.comparingInt(bin -> versionNumber(bin.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(Path::of)
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("postgres")))
                .findFirst();
    }

    private static int versionNumber(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static PostgresServer start(Path bin) {
        try {
            Path base = Files.createTempDirectory("medley-postgresql");
            Path data = base.resolve("data");
            Path passwordFile = base.resolve("password");
            Path log = base.resolve("server.log");
            Files.writeString(passwordFile, PASSWORD + "\n");
            List<String> asUser = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                String account = accountExists("postgres") ? "postgres" : "nobody";
                giveTo(base, account);
                asUser.addAll(List.of("setpriv", "--reuid=" + account, "--regid=" + account, "--init-groups", "--"));
            }
            List<String> initdb = new ArrayList<>(asUser);
            initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
            run(initdb, log);
            int port = freePort();
            List<String> postgres = new ArrayList<>(asUser);
            postgres.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                    "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                    // A test server: durability buys nothing, and a run of many tests opens many connections.
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    "-c", "max_connections=300"));
            Process process = new ProcessBuilder(postgres).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            PostgresServer server = new PostgresServer(base, process, port);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgresql-stop"));
            server.awaitReady(log);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL for the tests: " + e.getMessage(), e);
        }
    }

    private static boolean accountExists(String name) throws IOException {
        return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(line -> line.startsWith(name + ":"));
    }

    private static void giveTo(Path dir, String account) throws IOException {
        var lookup = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(account);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(account.equals("nobody") ? "nogroup" : account);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(user);
                view.setGroup(group);
            }
        }
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("PostgreSQL's " + command + " failed:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting PostgreSQL", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Connection ignored = connect("postgres")) {
                return;
            } catch (SQLException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String said = Files.readString(log);
                    stop();
                    throw new IllegalStateException("PostgreSQL did not start (" + notYet.getMessage() + "):\n" + said, notYet);
                }
            }
            try {
                Thread.sleep(50); // Polling the port: the server says nothing else when it is ready.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting PostgreSQL", e);
            }
        }
    }

    /** Returns the server's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Returns the libpq URL of {@code database}, with the user and password in it. */
    public String url(String database) {
        return "postgresql://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database that no other test uses and returns its name. */
    public String newDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    /** Connects to {@code database} as the superuser. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, PASSWORD);
    }

    private void stop() {
        try {
            // SIGQUIT: stop at once. The data goes with the folder; there is nothing to shut down cleanly for.
            new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            try (Stream<Path> all = Files.walk(base)) {
                all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException e) {
            // A temporary folder left behind is no reason to fail a run that has ended.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
