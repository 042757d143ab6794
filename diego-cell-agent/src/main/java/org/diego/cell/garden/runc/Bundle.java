package org.diego.cell.garden.runc;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.diego.cell.garden.ProcessBackend;

/**
 * A container's bundle directory and the files in it: runc's {@code config.json}, the rootfs layer,
 * the network record, the container's {@code /etc/hosts} and {@code /etc/resolv.conf}, and the logs
 * (named as the process backend names them, so the executor's log tail reads either).
 */
public record Bundle(Path dir) {
    private static final Logger LOG = Logger.getLogger(Bundle.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String NETWORK = "network.json";
    private static final String PROCESSES = "processes";
    /** The handle a warm container was taken for (its bundle and runc id keep their neutral name). */
    static final String HANDLE = "handle";
    static final String INIT_PID = "init.pid";

    public Path rootfs() {
        return dir.resolve(RootfsLayer.ROOTFS);
    }

    public Path stdout() {
        return dir.resolve(ProcessBackend.STDOUT_LOG);
    }

    public Path stderr() {
        return dir.resolve(ProcessBackend.STDERR_LOG);
    }

    public Path hosts() {
        return dir.resolve("hosts");
    }

    public Path resolvConf() {
        return dir.resolve("resolv.conf");
    }

    public void writeConfig(Map<String, Object> config) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), config);
    }

    /** A process spec for {@code runc exec --process}, with the pid file runc should write next to it. */
    public Path writeProcess(long id, Map<String, Object> process) throws IOException {
        Path file = Files.createDirectories(dir.resolve(PROCESSES)).resolve(id + ".json");
        JSON.writeValue(file.toFile(), process);
        return file;
    }

    /** Where process specs, pid files and the output of processes with streams of their own go. */
    public Path processesDir() {
        return dir.resolve(PROCESSES);
    }

    public Path pidFile(long id) {
        return dir.resolve(PROCESSES).resolve(id + ".pid");
    }

    public void writeNetwork(ContainerNetwork.Attachment attachment) throws IOException {
        JSON.writeValue(dir.resolve(NETWORK).toFile(), attachment);
    }

    /** The network record, or null when there is none (the create failed before) or it is unreadable. */
    public ContainerNetwork.Attachment readNetwork() {
        Path file = dir.resolve(NETWORK);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), ContainerNetwork.Attachment.class);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read " + file, e);
            return null;
        }
    }

    /** Where {@code runc run --pid-file} writes the init's host pid. */
    public Path initPidFile() {
        return dir.resolve(INIT_PID);
    }

    /** The init's host pid as runc wrote it. */
    public long readInitPid() throws IOException {
        try {
            return Long.parseLong(Files.readString(initPidFile()).strip());
        } catch (NumberFormatException e) {
            throw new IOException("no init pid in " + initPidFile(), e);
        }
    }

    /** Records the handle a warm container now serves, so a restarted agent lists it under that handle. */
    public void writeHandle(String handle) throws IOException {
        Files.writeString(dir.resolve(HANDLE), handle);
    }

    /** The handle recorded by {@link #writeHandle}, or null (a container created under its handle, or none). */
    public String readHandle() {
        Path file = dir.resolve(HANDLE);
        try {
            return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The container's hosts file, and the host's resolvers minus those on its loopback (unreachable inside). */
    public void writeEtcFiles(String hostname, String containerIp) throws IOException {
        writeHosts(hostname, containerIp);
        StringBuilder resolv = new StringBuilder();
        Path host = Path.of("/etc/resolv.conf");
        if (Files.isReadable(host)) {
            for (String line : Files.readAllLines(host)) {
                String l = line.strip();
                boolean loopback = l.startsWith("nameserver") && (l.contains(" 127.") || l.endsWith(" ::1"));
                if (!loopback) {
                    resolv.append(line).append('\n');
                }
            }
        }
        Files.writeString(resolvConf(), resolv.toString());
    }

    /**
     * Writes the hosts file in place (truncating the same inode): a running container has it bind-mounted
     * on /etc/hosts, and a file renamed over it would not be what the container sees.
     */
    public void writeHosts(String hostname, String containerIp) throws IOException {
        Files.writeString(hosts(), "127.0.0.1 localhost\n" + containerIp + " " + hostname + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Removes the directory, unless its rootfs is still mounted (deleting would go through the mount). */
    public void delete() {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            if (RootfsLayer.isMounted(rootfs())) {
                LOG.warning(() -> "not deleting " + dir + ": its rootfs is still mounted");
                return;
            }
        } catch (IOException e) {
            return;
        }
        // Files.walk does not follow symbolic links, so links in a copied rootfs are removed, not followed.
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete container directory " + dir, e);
        }
    }
}
