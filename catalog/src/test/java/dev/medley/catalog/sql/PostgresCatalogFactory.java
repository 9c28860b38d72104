package dev.medley.catalog.sql;

import dev.medley.catalog.CatalogException;
import dev.medley.catalog.CatalogFactory;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Catalogs in databases of their own on the test run's {@link PostgresServer}, opened as {@code postgresql://...}. */
public final class PostgresCatalogFactory implements CatalogFactory {
    private final PostgresServer server;

    public PostgresCatalogFactory(PostgresServer server) {
        this.server = server;
    }

    @Override
    public String newLocation(Path dir) {
        return server.url(server.newDatabase());
    }

    @Override
    public void update(String location, String sql, long... arguments) {
        String database = URI.create(location).getPath().substring(1);
        try (Connection connection = server.connect(database);
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                update.setLong(i + 1, arguments[i]);
            }
            update.executeUpdate();
        } catch (SQLException e) {
            throw new CatalogException("cannot update " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "postgresql";
    }
}
