package dev.medley.catalog;

import dev.medley.catalog.sql.SqlCatalog;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens catalogs by location, the one place that knows which kinds of catalog there are.
 *
 * <p>A location is a URL whose scheme names the kind, or a plain path:
 * <ul>
 *   <li>{@code PATH} or {@code sqlite:PATH}: the catalog in the file {@code PATH} on this machine
 *       (created when absent);
 *   <li>{@code postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE}: the catalog in a PostgreSQL
 *       database, which many medleys (a cluster's members) may share; its password is best given in
 *       {@code $PGPASSWORD} or {@code ~/.pgpass}, where no process listing shows it.
 * </ul>
 * A JDBC URL ({@code jdbc:sqlite:PATH}, {@code jdbc:postgresql:...}) names the same as the URL it wraps.
 */
public final class Catalogs {
    private static final String ENV_CATALOG = "MEDLEY_CATALOG";
    // As RFC 3986 spells a scheme; two letters at least, so that no one-letter folder reads as one.
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):(.*)", Pattern.DOTALL);

    private Catalogs() {}

    /**
     * Opens the catalog at {@code location}: a plain path or {@code sqlite:PATH} for a catalog file,
     * {@code postgresql://...} or {@code jdbc:postgresql:...} for a PostgreSQL database.
     *
     * @throws CatalogException if the location names no kind of catalog this medley has, or the
     *     catalog cannot be opened
     */
    public static Catalog open(String location) {
        // A JDBC URL names the same catalog as the URL it wraps: jdbc:sqlite:PATH is sqlite:PATH.
        boolean jdbc = location.regionMatches(true, 0, "jdbc:", 0, 5);
        Matcher url = SCHEME.matcher(jdbc ? location.substring(5) : location);
        if (!url.matches()) {
            if (jdbc) {
                throw new CatalogException("the catalog location names no kind of catalog after jdbc:;"
                        + " give a file (PATH or sqlite:PATH) or a database (postgresql://USER@HOST/DATABASE)");
            }
            return open(file(location));
        }
        String rest = url.group(2);
        return switch (url.group(1).toLowerCase(Locale.ROOT)) {
            case "sqlite" -> {
                if (rest.isEmpty()) {
                    throw new CatalogException("the catalog location " + location + " names no file; write sqlite:PATH");
                }
                yield open(file(rest));
            }
            case "postgresql", "postgres" -> SqlCatalog.openPostgres(location);
            default -> {
                // A URL of another kind is a mistake to report; a relative file name with a colon ("my:catalog.db")
                // is a file.
                if (jdbc || rest.startsWith("//")) {
                    throw new CatalogException("the catalog location starts with " + url.group(1)
                            + ":, which names no kind of catalog; give a file (PATH or sqlite:PATH)"
                            + " or a database (postgresql://USER@HOST/DATABASE)"
                            + (jdbc ? "" : "; a file whose name holds a colon may be written ./NAME"));
                }
                yield open(file(location));
            }
        };
    }

    private static Path file(String path) {
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw new CatalogException("the catalog location " + path + " is no file name: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the catalog in the file {@code file}, creating it and its parent directories when absent.
     *
     * @throws CatalogException if the file cannot be created, opened or migrated
     */
    public static Catalog open(Path file) {
        return SqlCatalog.open(file);
    }

    /**
     * Returns where the catalog lives when no {@code --catalog} is given: {@code $MEDLEY_CATALOG},
     * else {@code $XDG_DATA_HOME/medley/catalog.db}, else {@code ~/.local/share/medley/catalog.db}.
     */
    public static Path defaultLocation() {
        return dev.medley.core.DataHome.resolve(ENV_CATALOG, "catalog.db");
    }
}
