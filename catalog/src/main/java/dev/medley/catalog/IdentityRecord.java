package dev.medley.catalog;

/**
 * What identifying one file found, as the catalog keeps it.
 *
 * @param path the file's {@link PathKey}
 * @param size the size the file had when identified
 * @param mtimeNanos the modification time it had when identified
 * @param parserVersion the version of the parser that identified it: a new parser identifies again
 * @param kind what the file is ({@code episode}, {@code movie}, {@code music}, ...)
 * @param confidence how sure the identification is, from 0 to 1
 * @param fieldsJson the identity's fields and the source of each, as JSON; the catalog keeps it as given
 */
public record IdentityRecord(
        String path, long size, long mtimeNanos, String parserVersion, String kind, double confidence,
        String fieldsJson) {

    /** Returns whether this identity was made of the file as it is now, by the parser as it is now. */
    public boolean isCurrent(long currentSize, long currentMtimeNanos, String currentParserVersion) {
        return size == currentSize && mtimeNanos == currentMtimeNanos && parserVersion.equals(currentParserVersion);
    }
}
