package dev.medley.speech;

import java.io.IOException;
import java.net.URI;

/**
 * A {@link FakeTranscriptionServer} for tests outside this package (the command line's): a real
 * loopback server speaking OpenAI's transcription protocol, answering each request after a delay.
 */
public final class FakeTranscriptionService implements AutoCloseable {
    private final FakeTranscriptionServer server;

    private FakeTranscriptionService(FakeTranscriptionServer server) {
        this.server = server;
    }

    /** Starts a server that answers each request after {@code delayMillis}. */
    public static FakeTranscriptionService start(long delayMillis) throws IOException {
        FakeTranscriptionServer server = FakeTranscriptionServer.start();
        server.delayEachAnswer(delayMillis);
        return new FakeTranscriptionService(server);
    }

    /** Returns the base URL to pass as {@code --endpoint}. */
    public URI endpoint() {
        return server.endpoint();
    }

    /** Returns how many requests arrived. */
    public int requests() {
        return server.requests().size();
    }

    @Override
    public void close() {
        server.close();
    }
}
