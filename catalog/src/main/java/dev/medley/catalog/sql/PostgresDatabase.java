package dev.medley.catalog.sql;

import dev.medley.catalog.CatalogException;
import dev.medley.core.DataHome;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * A catalog in a PostgreSQL database, shared by every medley that names it: the members of a
 * cluster, or several machines working on one library.
 *
 * <p>Its location is a libpq URL, {@code postgresql://[USER[:PASSWORD]@]HOST[:PORT][/DATABASE][?PARAMS]},
 * or a JDBC URL, {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?PARAMS]}. A password not in the URL
 * comes from {@code $PGPASSWORD} or {@code ~/.pgpass}; a user not in the URL from {@code $PGUSER}, else
 * the account's name. Messages name the catalog without its password or parameters.
 */
final class PostgresDatabase extends Database {
    // Keys of the advisory lock that serialises starting applies; the first says "medley's apply lock".
    private static final int APPLY_LOCK_CLASS = 0x4d454441;
    private static final Pattern LIBPQ = Pattern.compile(
            "(?i)postgres(?:ql)?://(?:([^@/?]*)@)?([^/?]*)(?:/([^?]*))?(?:\\?(.*))?", Pattern.DOTALL);
    private static final Pattern JDBC = Pattern.compile(
            "(?i)jdbc:postgresql://([^/?]*)(?:/([^?]*))?(?:\\?(.*))?", Pattern.DOTALL);

    private final String jdbcUrl;
    private final Properties properties = new Properties();
    private final String shown;
    private final String stateName;

    private PostgresDatabase(String jdbcUrl, String user, String password, String hosts, String database) {
        this.jdbcUrl = jdbcUrl;
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "medley");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "10"); // Seconds; an unreachable server is reported, not waited on.
        this.shown = "postgresql://" + (user == null ? "" : user + "@") + hosts + "/" + database;
        this.stateName = (hosts + "_" + database).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Reads a location as a PostgreSQL catalog's.
     *
     * @throws CatalogException if it is no PostgreSQL URL this medley can read
     */
    static PostgresDatabase of(String location) {
        String envUser = System.getenv("PGUSER");
        String user = envUser == null || envUser.isBlank() ? System.getProperty("user.name") : envUser;
        String password = System.getenv("PGPASSWORD");
        Matcher jdbc = JDBC.matcher(location);
        if (jdbc.matches()) {
            String database = jdbc.group(2) == null || jdbc.group(2).isEmpty() ? user : jdbc.group(2);
            // Parameters in the URL (user=, password=) win over these defaults, as the driver reads them.
            return new PostgresDatabase(location, user, password, jdbc.group(1), database);
        }
        Matcher libpq = LIBPQ.matcher(location);
        if (!libpq.matches()) {
            throw new CatalogException("the catalog location is no PostgreSQL URL; write"
                    + " postgresql://USER@HOST[:PORT]/DATABASE or jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
        if (libpq.group(1) != null) {
            String[] userInfo = libpq.group(1).split(":", 2);
            if (!userInfo[0].isEmpty()) {
                user = decode(userInfo[0]);
            }
            if (userInfo.length == 2) {
                password = decode(userInfo[1]);
            }
        }
        String hosts = libpq.group(2).isEmpty() ? "localhost" : libpq.group(2);
        String database = libpq.group(3) == null || libpq.group(3).isEmpty() ? user : decode(libpq.group(3));
        String query = libpq.group(4) == null ? "" : "?" + libpq.group(4);
        return new PostgresDatabase("jdbc:postgresql://" + hosts + "/" + database + query, user, password, hosts, database);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    String kind() {
        return "postgresql";
    }

    @Override
    String describe() {
        return shown;
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    @Override
    FluentConfiguration flyway() {
        return Flyway.configure().dataSource(jdbcUrl, properties.getProperty("user"), properties.getProperty("password"));
    }

    /** {@code $XDG_DATA_HOME/medley/state/HOST_PORT_DATABASE.purpose}: this machine's own, as the database is shared. */
    @Override
    Path stateFolder(String purpose) {
        return DataHome.resolve("MEDLEY_STATE_HOME", "state").resolve(stateName + "." + purpose).toAbsolutePath();
    }

    @Override
    void lockApplies(Connection connection, long planRun) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            lock.setInt(1, APPLY_LOCK_CLASS);
            lock.setInt(2, Long.hashCode(planRun));
            lock.executeQuery().close();
        }
    }

    /** PostgreSQL checks its pages itself; what can be wrong here is a migration that failed half way. */
    @Override
    String integrityCheck(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT count(*) FROM flyway_schema_history WHERE NOT success")) {
            row.next();
            long failed = row.getLong(1);
            return failed == 0 ? "ok" : failed + " schema migration(s) failed; see table flyway_schema_history";
        }
    }

    @Override
    String nowMillis() {
        return "CAST(extract(epoch FROM clock_timestamp()) * 1000 AS BIGINT)";
    }

    @Override
    String skipLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    String openAdvice() {
        return "check that the server is running, that the database exists and that the user may use it";
    }
}
