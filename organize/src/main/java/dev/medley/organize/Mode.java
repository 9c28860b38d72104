package dev.medley.organize;

import java.util.Locale;

/** How files reach the library. */
public enum Mode {
    /** Moves the file: a rename on the same device, a verified copy then a delete across devices. */
    MOVE,
    /** Copies the file, verified by hash; the source stays. */
    COPY,
    /** Adds a hard link: same device only, no extra space. */
    HARDLINK,
    /** Adds a symbolic link to the source. */
    SYMLINK,
    /** Makes a copy-on-write clone (btrfs, XFS): instant, no extra space until either side changes. */
    REFLINK;

    /** Returns the name used on the command line and in the catalog. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the mode named {@code key}. */
    public static Mode of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }

    /** Returns whether the source stays where it is. */
    public boolean keepsSource() {
        return this != MOVE;
    }
}
