package dev.medley.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Where and how the server listens.
 *
 * @param host the address to bind; loopback unless told otherwise
 * @param port the port, 0 for any free one
 * @param token the bearer token every request must carry, or null; required off loopback
 * @param maxUploadBytes the largest request body taken
 */
public record ServeOptions(String host, int port, String token, long maxUploadBytes) {
    public static final String LOOPBACK = "127.0.0.1";

    public ServeOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the port must lie in 0..65535: " + port);
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("the upload limit must be positive");
        }
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
                + ", maxUploadBytes=" + maxUploadBytes + "]";
    }
}
