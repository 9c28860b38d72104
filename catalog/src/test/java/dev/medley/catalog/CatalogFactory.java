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

    /** Makes run {@code runId} of the catalog at {@code location} look as if its process had been killed. */
    void forgetProcess(String location, long runId);
}
