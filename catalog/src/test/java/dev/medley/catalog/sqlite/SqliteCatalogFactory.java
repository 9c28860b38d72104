package dev.medley.catalog.sqlite;

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
    public void forgetProcess(String location, long runId) {
        try (Connection connection = SqliteCatalog.connect(Path.of(location.substring(SCHEME.length())));
                PreparedStatement update = connection.prepareStatement("UPDATE runs SET pid = ? WHERE id = ?")) {
            update.setLong(1, Integer.MAX_VALUE - 1); // Above Linux's highest pid.
            update.setLong(2, runId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new CatalogException("cannot change run " + runId + " in " + location, e);
        }
    }

    @Override
    public String toString() {
        return "sqlite";
    }
}
