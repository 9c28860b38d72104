package dev.medley.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where and how the server listens.
 *
 * @param host the address to bind; loopback unless told otherwise
 * @param port the port, 0 for any free one
 * @param token the bearer token every request must carry, or null; required off loopback
 * @param maxUploadBytes the largest request body taken
 * @param maxPending the most audio items taken and not yet answered, all endpoints together; past it
 *     a request is refused with 429 and Retry-After rather than left to wait without end
 * @param roots the folders whose files requests may name by path (the first resolves relative paths);
 *     none: no paths
 */
public record ServeOptions(String host, int port, String token, long maxUploadBytes, int maxPending, List<Path> roots) {
    public static final String LOOPBACK = "127.0.0.1";
    public static final int DEFAULT_MAX_PENDING = 256;

    /** Options with the default limit on pending items. */
    public ServeOptions(String host, int port, String token, long maxUploadBytes) {
        this(host, port, token, maxUploadBytes, DEFAULT_MAX_PENDING);
    }

    /** Options that take no paths. */
    public ServeOptions(String host, int port, String token, long maxUploadBytes, int maxPending) {
        this(host, port, token, maxUploadBytes, maxPending, List.of());
    }

    /** Returns these options with {@code folders} as the roots paths are confined to. */
    public ServeOptions withRoots(List<Path> folders) {
        return new ServeOptions(host, port, token, maxUploadBytes, maxPending, folders);
    }

    public ServeOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the port must lie in 0..65535: " + port);
        }
        if (maxUploadBytes < 1 || maxPending < 1) {
            throw new IllegalArgumentException("the upload limit and the pending limit must be positive");
        }
        roots = List.copyOf(roots);
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token == null && !loopback(host)) {
            throw new IllegalArgumentException("serving on " + host + ", beyond this machine, needs a token: --token "
                    + "(or MEDLEY_SERVE_TOKEN); every request must then send it as a bearer token");
        }
    }

    /** Returns whether {@code host} names only this machine. */
    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Leaves the token out. */
    @Override
    public String toString() {
        return "ServeOptions[host=" + host + ", port=" + port + ", token=" + (token == null ? "none" : "(set)")
                + ", maxUploadBytes=" + maxUploadBytes + ", maxPending=" + maxPending + ", roots=" + roots + "]";
    }
}
