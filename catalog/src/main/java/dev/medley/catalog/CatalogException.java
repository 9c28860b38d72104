package dev.medley.catalog;

/**
 * Thrown when the catalog cannot be opened, read or written, or when what it records forbids the
 * run (another medley is applying the same plan). The message says which file or run and what to
 * try next; the run as a whole cannot go on.
 */
public class CatalogException extends RuntimeException {
    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }

    public CatalogException(String message) {
        super(message);
    }
}
