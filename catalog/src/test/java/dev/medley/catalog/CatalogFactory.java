package dev.medley.catalog;

import java.nio.file.Path;

/**
 * One kind of catalog that the catalog tests run against ({@link CatalogKinds}): it makes new,
 * empty catalogs, and reaches into one where a test needs a state no caller of {@link Catalog}
 * could make.
 */
public interface CatalogFactory {
    /**
     * Returns the location, for {@link Catalogs#open(String)}, of a new catalog of this kind that no
     * other test uses; {@code dir} is the test's own temporary folder.
     */
    String newLocation(Path dir);

    /** Runs {@code sql}, an update with {@code arguments} as its parameters, on the catalog at {@code location}. */
    void update(String location, String sql, long... arguments);

    /** Makes run {@code runId} of the catalog at {@code location} look as if its process had been killed. */
    default void forgetProcess(String location, long runId) {
        update(location, "UPDATE runs SET pid = ? WHERE id = ?", Integer.MAX_VALUE - 1, runId); // Above Linux's highest pid.
    }

    /**
     * Makes run {@code runId} look as if a process on another machine ran it, and last said it was
     * running {@code silentMillis} ago.
     */
    default void moveToAnotherHost(String location, long runId, long silentMillis) {
        update(location, "UPDATE runs SET host = 'another-host.invalid', pid = ?, heartbeat_at = ? WHERE id = ?",
                ProcessHandle.current().pid(), System.currentTimeMillis() - silentMillis, runId);
    }
}
