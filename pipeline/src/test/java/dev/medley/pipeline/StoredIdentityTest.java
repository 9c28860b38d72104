package dev.medley.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.medley.core.RawPaths;
import dev.medley.metadata.Identify;
import dev.medley.metadata.Identity;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredIdentityTest {

    @Test
    void anIdentityComesBackAsItWasKeptTitlesOfBytesThatAreNotUtf8Included() throws Exception {
        // "Heat\xff.1995.mkv": a name whose bytes are not UTF-8, as escaped text.
        byte[] name = "Heat?.1995.mkv".getBytes(StandardCharsets.US_ASCII);
        name[4] = (byte) 0xff;
        String path = "/in/" + RawPaths.text(name);
        Identity identity = Identify.DEFAULT.identify(path, Map.of("genre", "Drama", "date", "1995-12-15"));
        String stored = StoredIdentity.write(identity);
        assertThat(stored).matches("\\p{ASCII}*");
        assertThat(StoredIdentity.read(stored)).isEqualTo(identity);
        assertThat(StoredIdentity.read(stored).name().title()).isEqualTo(identity.name().title()).contains("Heat");
    }

    @Test
    void episodesAndDatesComeBack() {
        Identity episodes = Identify.DEFAULT.identify("/tv/Show/Season 1/Show.S01E01-E03.Title.720p.mkv", Map.of());
        assertThat(StoredIdentity.read(StoredIdentity.write(episodes))).isEqualTo(episodes);
        Identity daily = Identify.DEFAULT.identify("/tv/The.Daily.Show.2014.01.15.Guest.Name.720p.mkv", Map.of());
        assertThat(daily.name().date()).isNotNull();
        assertThat(StoredIdentity.read(StoredIdentity.write(daily))).isEqualTo(daily);
    }
}
