package dev.medley.catalog.sql;

import dev.medley.catalog.CatalogException;
import dev.medley.catalog.CatalogFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Catalogs in a file of the test's temporary folder, opened as {@code sqlite:PATH}. */
public final class SqliteCatalogFactory implements CatalogFactory {
    private static final String SCHEME = "sqlite:";

    @Override
    public String newLocation(Path dir) {
        return SCHEME + dir.resolve("catalog.db");
    }

    @Override
    public void update(String location, String sql, long... arguments) {
        try (Connection connection = SqliteDatabase.connect(Path.of(location.substring(SCHEME.length())));
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                update.setLong(i + 1, arguments[i]);
            }
            update.executeUpdate();
        } catch (SQLException e) {
            throw new CatalogException("cannot update " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "sqlite";
    }
}
