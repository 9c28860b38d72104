package dev.medley.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How to reach a cluster, and how a member takes part in it.
 *
 * <p>The trust boundary: a member or client must know the cluster's name and its shared secret
 * ({@code MEDLEY_CLUSTER_SECRET}) to join. Hazelcast's own join check compares cluster names, so the
 * name Hazelcast sees is derived from both ({@link #hazelcastName}): a process without the secret is
 * refused at join, and the secret never crosses the wire. Traffic between members is not encrypted
 * (Hazelcast's TLS is not in its open-source edition): run members on a network you trust, or bind
 * them to a private interface. Without a secret, members bind to loopback only.
 *
 * @param name the cluster's name, the same on every member and client
 * @param secret the shared secret, or null: then only loopback is allowed
 * @param bind the address members listen on and are reached at ({@code 127.0.0.1} unless told otherwise)
 * @param port the member's port (a client's is unused)
 * @param members {@code host:port} of members to join through; any one that is up will do
 * @param catalog the shared catalog's location: a PostgreSQL URL, for members on several machines
 * @param pathMaps how this machine's paths differ from the submitter's, tried in order
 * @param lease how long a claim on a file lasts without renewal: how soon a dead member's files are taken over
 */
public record ClusterSettings(String name, String secret, String bind, int port, List<String> members,
        String catalog, List<PathMap> pathMaps, Duration lease) {
    /** The environment variable that holds the shared secret: never an option, so that no process listing shows it. */
    public static final String SECRET_ENV = "MEDLEY_CLUSTER_SECRET";
    /** A member's port when none is given. */
    public static final int DEFAULT_PORT = 5701;
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern MEMBER = Pattern.compile("[^\\s,:]+(:\\d{1,5})?");

    public ClusterSettings {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the cluster name " + name
                    + " may hold letters, digits, '.', '_' and '-', up to 63 of them");
        }
        if (secret != null && secret.isBlank()) {
            secret = null;
        }
        bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
        members = List.copyOf(members);
        for (String member : members) {
            if (!MEMBER.matcher(member).matches()) {
                throw new IllegalArgumentException("the member address " + member + " is not HOST or HOST:PORT");
            }
        }
        pathMaps = List.copyOf(pathMaps);
        lease = lease == null ? DEFAULT_LEASE : lease;
        if (secret == null && !isLoopback(bind)) {
            throw new IllegalArgumentException("a member bound to " + bind + " can be reached from other machines;"
                    + " set the cluster's shared secret in $" + SECRET_ENV + " (the same on every member and client)");
        }
    }

    /** Reads the shared secret from the environment. */
    public static String secretFromEnvironment() {
        return System.getenv(SECRET_ENV);
    }

    /** Returns the members to join, each with its port ({@value #DEFAULT_PORT} where none is given). */
    public List<String> memberAddresses() {
        return members.stream().map(member -> member.contains(":") ? member : member + ":" + DEFAULT_PORT).toList();
    }

    /**
     * Returns the cluster name Hazelcast compares at join: the name, and a keyed hash of it by the secret,
     * so that only processes that know the secret agree on it.
     */
    public String hazelcastName() {
        if (secret == null) {
            return "medley-" + name;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] tag = mac.doFinal(("medley cluster " + name).getBytes(StandardCharsets.UTF_8));
            return "medley-" + name + "-" + HexFormat.of().formatHex(tag, 0, 16);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Hides the secret. */
    @Override
    public String toString() {
        return "ClusterSettings[name=" + name + ", secret=" + (secret == null ? "none" : "set") + ", bind=" + bind
                + ", port=" + port + ", members=" + members + ", pathMaps=" + pathMaps + ", lease=" + lease + "]";
    }
}
