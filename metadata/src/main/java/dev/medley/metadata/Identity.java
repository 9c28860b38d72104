package dev.medley.metadata;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Holds what {@link Identify} made of a file: the merged fields, and for every field present, the
 * source that gave it and how sure that source is.
 *
 * @param name the merged fields
 * @param provenance where each present field came from; fields absent from {@code name} have none
 */
public record Identity(MediaName name, Map<Field, Provenance> provenance) {

    /** Names where a field came from. */
    public enum Source {
        /** A tag the prober read from the file's container ("artist", "show", "track"). */
        TAG,
        /** The file name. */
        FILENAME,
        /** A folder above the file ("Season 2", "Artist/Album (1999)", a release folder). */
        FOLDER,
        /** A language model asked about the name ({@link Refinement}). */
        LLM
    }

    /**
     * Holds the source of one field and a confidence from 0 to 1: about 0.95 for a tag or an explicit
     * marker such as S01E02, less for readings that could be wrong ("Title 103" read as 1x03).
     */
    public record Provenance(Source source, double confidence) {
        /** Checks that the confidence lies in 0..1. */
        public Provenance {
            Objects.requireNonNull(source, "source");
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException("confidence must lie in 0..1: " + confidence);
            }
        }
    }

    /** Freezes the provenance map. */
    public Identity {
        Objects.requireNonNull(name, "name");
        provenance = Collections.unmodifiableMap(
                provenance.isEmpty() ? new EnumMap<>(Field.class) : new EnumMap<>(provenance));
    }

    /** Returns the source of a field, or null when the field is absent. */
    public Source source(Field field) {
        Provenance p = provenance.get(field);
        return p == null ? null : p.source();
    }

    /** Returns the confidence in a field, 0 when the field is absent. */
    public double confidence(Field field) {
        Provenance p = provenance.get(field);
        return p == null ? 0 : p.confidence();
    }
}
