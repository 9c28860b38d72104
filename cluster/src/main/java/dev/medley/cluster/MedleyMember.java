package dev.medley.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.TcpIpConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.medley.catalog.Catalog;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A member of a Medley cluster: an embedded Hazelcast member with Jet, joined over TCP/IP (no
 * multicast) to the members named, working on the jobs the cluster runs until closed.
 *
 * <p>When a member leaves (stopped, killed, cut off), the others give back the files it held at once,
 * instead of waiting for its leases to run out; Jet restarts the jobs it was in on those that remain.
 */
public final class MedleyMember implements AutoCloseable {
    /** Member attributes, shown by {@code medley cluster status}. */
    static final String ATTRIBUTE_NAME = "medley.name";
    static final String ATTRIBUTE_VERSION = "medley.version";

    private final HazelcastInstance hazelcast;
    private final MemberContext context;
    private final CountDownLatch closed = new CountDownLatch(1);

    private MedleyMember(HazelcastInstance hazelcast, MemberContext context) {
        this.hazelcast = hazelcast;
        this.context = context;
    }

    /**
     * Starts a member and joins it to the cluster (or starts the cluster, when no other member is up).
     *
     * @param catalog the shared catalog, held open by the member until it is closed
     * @param kinds the kinds of work this member does
     * @param version this medley's version: members of other versions are shown as such by status
     * @param events told of members joining and leaving, as lines for the member's log
     * @throws IllegalArgumentException if the address to bind to is no address of this machine
     */
    public static MedleyMember start(ClusterSettings settings, Catalog catalog, List<WorkKind> kinds, String version,
            Consumer<String> events) {
        String bindAddress = address(settings.bind());
        Config config = new Config();
        config.setClusterName(settings.hazelcastName());
        config.setInstanceName("medley-" + settings.name() + "-" + bindAddress + "-" + settings.port());
        quiet(config.getProperties());
        // A member killed outright is noticed within seconds: its connections fail, and its heartbeats stop.
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        config.setProperty("hazelcast.socket.bind.any", "false");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(bindAddress);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        TcpIpConfig tcp = join.getTcpIpConfig().setEnabled(true);
        settings.memberAddresses().forEach(tcp::addMember);
        tcp.addMember(bindAddress + ":" + settings.port());
        config.getJetConfig().setEnabled(true).setResourceUploadEnabled(false);
        // A member that joins a running job starts taking files two seconds later (Jet restarts the job to include it).
        config.getJetConfig().setScaleUpDelayMillis(2_000);
        String name = bindAddress + ":" + settings.port();
        config.getMemberAttributeConfig().setAttribute(ATTRIBUTE_NAME, name).setAttribute(ATTRIBUTE_VERSION, version);

        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config);
        MemberContext context;
        try {
            context = new MemberContext(hazelcast, name, catalog, kinds.stream()
                    .collect(Collectors.toMap(WorkKind::name, Function.identity())), settings.pathMaps(), settings.lease());
        } catch (RuntimeException e) {
            hazelcast.shutdown();
            throw e;
        }
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                events.accept("member joined: " + describe(event.getMember()) + "; members: " + event.getMembers().size());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                UUID gone = event.getMember().getUuid();
                int released;
                try {
                    released = context.queue().release(MemberContext.claimantPrefix(gone));
                } catch (RuntimeException e) {
                    released = 0; // Its leases run out instead.
                }
                events.accept("member left: " + describe(event.getMember()) + "; its " + released
                        + " file(s) in flight go to the others; members: " + event.getMembers().size());
            }
        });
        return new MedleyMember(hazelcast, context);
    }

    /** Turns Hazelcast's own logging and its phone-home off: a member prints what Medley says of it. */
    static void quiet(java.util.Properties properties) {
        properties.setProperty("hazelcast.logging.type", "none");
        properties.setProperty("hazelcast.phone.home.enabled", "false");
        properties.setProperty("hazelcast.shutdownhook.enabled", "false");
    }

    private static String address(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot bind to " + host + ": no such host; give an address of this machine", e);
        }
    }

    static String describe(Member member) {
        String name = member.getAttribute(ATTRIBUTE_NAME);
        return name != null ? name : member.getAddress().toString();
    }

    /** Returns the member's name in the cluster: {@code ADDRESS:PORT}. */
    public String name() {
        return context.memberName();
    }

    /** Returns the member's id: the prefix of its claims in the catalog. */
    public UUID uuid() {
        return context.uuid();
    }

    /** Returns the member's resources: its catalog and the cluster's shared rate limits. */
    public MemberResources resources() {
        return context;
    }

    /** Returns how many members the cluster has now, this one included. */
    public int clusterSize() {
        return context.clusterSize();
    }

    /** Returns the names of the members, as this member sees them. */
    public Map<UUID, String> members() {
        return hazelcast.getCluster().getMembers().stream()
                .collect(Collectors.toMap(Member::getUuid, MedleyMember::describe));
    }

    /** Waits until the member is closed. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Leaves the cluster: files in flight here are given back for others to take. */
    @Override
    public void close() {
        try {
            context.queue().release(MemberContext.claimantPrefix(context.uuid()));
        } catch (RuntimeException e) {
            // The others release them when they see this member leave, or its leases run out.
        }
        context.close();
        hazelcast.shutdown();
        closed.countDown();
    }
}
