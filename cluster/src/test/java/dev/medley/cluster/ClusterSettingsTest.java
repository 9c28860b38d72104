package dev.medley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

    private static ClusterSettings settings(String name, String secret, String bind, List<String> members) {
        return new ClusterSettings(name, secret, bind, 5701, members, "postgresql://db/medley", List.of(), null);
    }

    @Test
    void theNameHazelcastComparesDependsOnTheSecretAndDoesNotShowIt() {
        String one = settings("studio", "first secret", null, List.of()).hazelcastName();
        assertThat(one).startsWith("medley-studio-").doesNotContain("first secret")
                .isEqualTo(settings("studio", "first secret", null, List.of()).hazelcastName())
                .isNotEqualTo(settings("studio", "second secret", null, List.of()).hazelcastName())
                .isNotEqualTo(settings("studio2", "first secret", null, List.of()).hazelcastName());
        assertThat(settings("studio", null, null, List.of()).hazelcastName()).isEqualTo("medley-studio");
    }

    @Test
    void membersWithoutAPortGetTheDefaultOneAndBadNamesAreRefused() {
        assertThat(settings("a", null, null, List.of("10.0.0.1", "10.0.0.2:6000")).memberAddresses())
                .containsExactly("10.0.0.1:5701", "10.0.0.2:6000");
        assertThatThrownBy(() -> settings("a b", null, null, List.of())).hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> settings("a", null, null, List.of("host:port:x"))).hasMessageContaining("HOST:PORT");
    }

    @Test
    void aMemberReachableFromOtherMachinesNeedsTheSecret() {
        assertThatThrownBy(() -> settings("a", null, "0.0.0.0", List.of())).hasMessageContaining("MEDLEY_CLUSTER_SECRET");
        assertThat(settings("a", "s", "0.0.0.0", List.of()).bind()).isEqualTo("0.0.0.0");
        assertThat(settings("a", null, null, List.of()).bind()).isEqualTo("127.0.0.1");
        assertThat(settings("a", "   ", "localhost", List.of()).secret()).isNull();
    }

    @Test
    void aPathMapMovesWhatIsBelowItsFolderAndNothingElse() {
        PathMap map = PathMap.parse("/mnt/nas=/data");
        assertThat(map.apply(Path.of("/mnt/nas/music/a.flac"))).contains(Path.of("/data/music/a.flac"));
        assertThat(map.apply(Path.of("/mnt/nas"))).contains(Path.of("/data"));
        assertThat(map.apply(Path.of("/mnt/nasty/a.flac"))).isEmpty();
        assertThat(map.apply(Path.of("/mnt/nas/../etc/passwd"))).as("no climbing out").isEqualTo(Optional.empty());
        assertThat(PathMap.local(Path.of("/elsewhere/a.flac"), List.of(map))).isEqualTo(Path.of("/elsewhere/a.flac"));
        assertThatThrownBy(() -> PathMap.parse("relative=/data")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> PathMap.parse("/mnt/nas")).hasMessageContaining("FROM=TO");
    }
}
