package org.diego.cell.garden.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.cell.garden.PhaseTimer;

/**
 * A network namespace per container, joined to the host by a veth pair on a /30 of the pool: the host
 * end is the container's gateway, the container end is {@code eth0}. The namespace is created with
 * {@code ip netns add} before the container so runc can join it by path, and outlives the container's
 * processes until it is detached. Traffic from the host to the container is plain routing; outbound
 * traffic beyond the host would need forwarding and NAT, which this backend does not set up.
 */
public final class ContainerNetwork {
    private static final Logger LOG = Logger.getLogger(ContainerNetwork.class.getName());
    static final Path NETNS_DIR = Path.of("/run/netns");
    private static final Path SYS_NET = Path.of("/sys/class/net");
    private static final String NETNS_PREFIX = "diego-";
    private static final int ATTEMPTS = 8;
    private final SubnetPool pool;

    /** A container's network: enough to configure its process and to undo it after an agent restart. */
    public record Attachment(String netns, String hostInterface, String hostIp, String containerIp, int slot,
                             int network) {
        public String netnsPath() {
            return NETNS_DIR.resolve(netns).toString();
        }
    }

    public ContainerNetwork(SubnetPool pool) {
        this.pool = pool;
    }

    public static String netnsName(String handle) {
        return NETNS_PREFIX + handle;
    }

    /** Creates the namespace and the veth pair, addresses both ends and routes the container via the host. */
    public Attachment attach(String handle) throws IOException {
        Attachment attachment = claim(handle, PhaseTimer.NONE);
        try {
            address(handle, attachment, PhaseTimer.NONE);
        } catch (IOException | RuntimeException e) {
            detach(attachment);
            throw e;
        }
        return attachment;
    }

    /**
     * The first half of {@link #attach}: the namespace (runc can join it from now on) and the veth pair,
     * whose creation claims the subnet; no address yet. Leaves nothing behind when it fails.
     */
    public Attachment claim(String handle, PhaseTimer timer) throws IOException {
        String netns = netnsName(handle);
        long t = System.nanoTime();
        HostCommand.check(List.of("ip", "netns", "add", netns));
        t = timer.lap(handle, "create.netns", t);
        try {
            SubnetPool.Slot slot = claimSlot(netns);
            timer.lap(handle, "create.veth", t);
            return new Attachment(netns, slot.hostInterface(), slot.hostIp(), slot.containerIp(), slot.index(),
                    slot.network());
        } catch (IOException | RuntimeException e) {
            deleteNetns(netns);
            throw e;
        }
    }

    /**
     * The second half: addresses both ends, brings them up and routes the container via the host. Nothing
     * in it needs the container's processes, so it may run while runc starts the init. When it fails the
     * caller {@link #detach}es.
     */
    public void address(String handle, Attachment attachment, PhaseTimer timer) throws IOException {
        long t = System.nanoTime();
        configure(attachment.netns(), new SubnetPool.Slot(attachment.slot(), attachment.network()));
        timer.lap(handle, "create.addresses", t);
    }

    /** Undoes {@link #attach}; every step tolerates what is already gone. */
    public void detach(Attachment attachment) {
        deleteLink(attachment.hostInterface());
        deleteNetns(attachment.netns());
        pool.release(new SubnetPool.Slot(attachment.slot(), attachment.network()));
    }

    /** For a container whose attachment record is lost: at least the namespace goes. */
    public void detach(String handle) {
        deleteNetns(netnsName(handle));
    }

    public static boolean netnsExists(String handle) {
        return Files.exists(NETNS_DIR.resolve(netnsName(handle)));
    }

    /**
     * Creating the host interface is what claims a slot on this host: {@code ip link add} fails if
     * another agent (or a container left over from a dead one) holds it, and then the next slot is tried.
     */
    private SubnetPool.Slot claimSlot(String netns) throws IOException {
        String lastError = "pool " + pool.cidr() + " exhausted";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<SubnetPool.Slot> reserved = pool.reserve(s -> !Files.exists(SYS_NET.resolve(s.hostInterface())));
            if (reserved.isEmpty()) {
                break;
            }
            SubnetPool.Slot slot = reserved.get();
            HostCommand.Result created = HostCommand.run(List.of("ip", "link", "add", slot.hostInterface(), "type",
                    "veth", "peer", "name", "eth0", "netns", netns));
            if (created.ok()) {
                return slot;
            }
            pool.release(slot);
            lastError = created.output();
            if (!created.output().contains("File exists")) {
                break;
            }
        }
        throw new IOException("cannot create a veth pair for " + netns + ": " + lastError);
    }

    private static void configure(String netns, SubnetPool.Slot slot) throws IOException {
        String host = slot.hostInterface();
        HostCommand.check(List.of("ip", "-batch", "-"),
                "addr add " + slot.hostIp() + "/30 dev " + host + "\nlink set " + host + " up\n");
        HostCommand.check(List.of("ip", "-n", netns, "-batch", "-"),
                "link set lo up\naddr add " + slot.containerIp() + "/30 dev eth0\nlink set eth0 up\n"
                        + "route add default via " + slot.hostIp() + "\n");
    }

    /** Deleting one end of a veth pair deletes both. */
    private static void deleteLink(String hostInterface) {
        if (Files.exists(SYS_NET.resolve(hostInterface))) {
            quietly(List.of("ip", "link", "delete", hostInterface));
        }
    }

    private static void deleteNetns(String netns) {
        if (Files.exists(NETNS_DIR.resolve(netns))) {
            quietly(List.of("ip", "netns", "delete", netns));
        }
    }

    private static void quietly(List<String> command) {
        try {
            HostCommand.Result result = HostCommand.run(command);
            if (!result.ok()) {
                LOG.warning(() -> String.join(" ", command) + " failed: " + result.output());
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, String.join(" ", command) + " failed", e);
        }
    }
}
