package dev.medley.catalog;

/**
 * Thrown when the catalog cannot be opened, read or written. The message says which file and what
 * to try next; the run as a whole cannot go on without its catalog.
 */
public final class CatalogException extends RuntimeException {
    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }

    public CatalogException(String message) {
        super(message);
    }
}
