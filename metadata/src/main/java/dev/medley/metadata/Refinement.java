package dev.medley.metadata;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Merges what another reader of a name (a language model) says into an {@link Identity}.
 *
 * <p>Tags win over both readers. Where the other reader agrees with the parser, the field is surer
 * for it. Where they differ, the other reader's value is taken only when it was asked because the
 * parser was unsure (or asked for every item): {@code takesPrecedence}. A field the parser left
 * empty is filled either way. What is taken is marked {@link Identity.Source#LLM}.
 */
public final class Refinement {
    /** The fields another reader may give, in {@link Field}'s order (always the same: what is sent is a cache key). */
    public static final Set<Field> FIELDS = Collections.unmodifiableSet(EnumSet.of(Field.KIND, Field.TITLE, Field.YEAR,
            Field.SEASON, Field.EPISODES, Field.EPISODE_TITLE, Field.ARTIST, Field.ALBUM, Field.TRACK, Field.FEATURING,
            Field.VERSION));

    private Refinement() {}

    /**
     * Returns {@code identity} with {@code fields} merged in.
     *
     * @param fields values by field, null for "not in this name"; {@link Field#KIND} a {@link MediaKind},
     *     {@link Field#EPISODES} an {@code Integer} or a {@code List<Integer>}, numbers as {@code Integer},
     *     the rest as {@code String}
     * @param confidence how sure the other reader is, 0 to 1
     * @param takesPrecedence whether its values replace the parser's where they differ
     */
    public static Identity merge(Identity identity, Map<Field, Object> fields, double confidence, boolean takesPrecedence) {
        Objects.requireNonNull(identity, "identity");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must lie in 0..1: " + confidence);
        }
        MediaName name = identity.name();
        Map<Field, Identity.Provenance> provenance = new EnumMap<>(Field.class);
        provenance.putAll(identity.provenance());
        Map<Field, Object> values = new EnumMap<>(Field.class);
        for (Field field : FIELDS) {
            Object value = name.get(field);
            if (value != null) {
                values.put(field, value);
            }
        }
        MediaKind kind = fields.get(Field.KIND) instanceof MediaKind k ? k : null;
        boolean kindByTag = identity.source(Field.KIND) == Identity.Source.TAG;
        boolean kindChanges = kind != null && kind != name.kind() && takesPrecedence && !kindByTag;
        boolean agrees = true;
        for (Field field : FIELDS) {
            Object theirs = field == Field.KIND ? kind : normalise(field, fields.get(field));
            Object ours = values.get(field);
            Identity.Provenance had = provenance.get(field);
            if (theirs == null) {
                // Another kind of thing: what the name parser read for the old kind no longer holds.
                if (kindChanges && ours != null && (had == null || had.source() != Identity.Source.TAG)) {
                    values.remove(field);
                    provenance.remove(field);
                }
                continue;
            }
            if (theirs.equals(ours)) {
                double sure = had == null ? confidence : 1 - (1 - had.confidence()) * (1 - confidence);
                provenance.put(field, new Identity.Provenance(had == null ? Identity.Source.LLM : had.source(), sure));
                continue;
            }
            if (ours != null) {
                if (field == Field.KIND || field == Field.TITLE) {
                    agrees = false;
                }
                if (!takesPrecedence || (had != null && had.source() == Identity.Source.TAG)) {
                    continue; // Tags win; and the parser's reading stands when it was sure.
                }
            }
            values.put(field, theirs);
            provenance.put(field, new Identity.Provenance(Identity.Source.LLM, confidence));
        }
        MediaKind merged = values.get(Field.KIND) instanceof MediaKind k ? k : name.kind();
        double overall = agrees ? 1 - (1 - name.confidence()) * (1 - confidence)
                : takesPrecedence ? confidence : name.confidence();
        @SuppressWarnings("unchecked")
        List<Integer> episodes = (List<Integer>) values.getOrDefault(Field.EPISODES, List.of());
        MediaName refined = new MediaName(name.input(), merged, (String) values.get(Field.TITLE),
                (Integer) values.get(Field.YEAR), (Integer) values.get(Field.SEASON), episodes, name.absoluteEpisode(),
                name.date(), (String) values.get(Field.EPISODE_TITLE), name.part(), name.extra(), name.edition(),
                name.screenSize(), name.source(), name.videoCodec(), name.audioCodec(), name.releaseGroup(),
                name.language(), name.subtitleLanguage(), (String) values.get(Field.ARTIST), name.albumArtist(),
                (String) values.get(Field.ALBUM), (Integer) values.get(Field.TRACK), name.disc(),
                (String) values.get(Field.FEATURING), (String) values.get(Field.VERSION), name.sideFile(),
                Math.round(overall * 1000) / 1000.0);
        return new Identity(refined, provenance);
    }

    private static Object normalise(Field field, Object value) {
        if (value instanceof String text) {
            String stripped = text.strip();
            return stripped.isEmpty() ? null : stripped;
        }
        if (field == Field.EPISODES && value instanceof Integer episode) {
            return List.of(episode);
        }
        if (field == Field.EPISODES && value instanceof List<?> list) {
            return list.isEmpty() ? null : List.copyOf(list);
        }
        return value;
    }
}
