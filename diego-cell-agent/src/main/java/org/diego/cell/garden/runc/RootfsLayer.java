package org.diego.cell.garden.runc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;

/**
 * The container's writable root: an overlay mount of the shared read-only rootfs directory (lower) with
 * an upper and work dir in the bundle, or on the container's {@link ScratchDisk} when it has a disk limit,
 * so creating a container copies nothing and the rootfs is never modified. Where overlayfs is unavailable
 * (for example a work dir that is itself on overlayfs) the rootfs is copied instead, which is slower and
 * uses disk per container but behaves the same.
 */
public final class RootfsLayer {
    private static final Logger LOG = Logger.getLogger(RootfsLayer.class.getName());
    static final String ROOTFS = "rootfs";
    static final String UPPER = "upper";
    static final String WORK = "work";

    /** How a container's rootfs was made. */
    public enum Kind { OVERLAY, COPY }

    private RootfsLayer() {
    }

    /** Makes {@code <bundle>/rootfs} a writable view of {@code lower}, its writes kept in the bundle. */
    public static Kind prepare(Path lower, Path bundle) throws IOException {
        return prepare(lower, bundle, bundle);
    }

    /**
     * Makes {@code <bundle>/rootfs} a writable view of {@code lower} whose writes go to {@code layers}
     * (the bundle, or a scratch disk's mount point: upper and work dir must share a filesystem).
     */
    public static Kind prepare(Path lower, Path bundle, Path layers) throws IOException {
        if (!Files.isDirectory(lower)) {
            throw new IOException("rootfs directory " + lower + " does not exist");
        }
        Path rootfs = Files.createDirectories(bundle.resolve(ROOTFS));
        Path upper = Files.createDirectories(layers.resolve(UPPER));
        Path work = Files.createDirectories(layers.resolve(WORK));
        String options = "lowerdir=" + safe(lower) + ",upperdir=" + safe(upper) + ",workdir=" + safe(work);
        HostCommand.Result mounted = HostCommand.run(List.of("mount", "-t", "overlay", "overlay", "-o", options,
                rootfs.toString()));
        if (mounted.ok()) {
            return Kind.OVERLAY;
        }
        LOG.warning(() -> "overlay mount for " + bundle + " failed (" + mounted.output() + "); copying the rootfs");
        Files.delete(upper);
        Files.delete(work);
        // cp -a keeps links, owners and modes, which Files.copy would make us reimplement.
        HostCommand.check(List.of("cp", "-a", lower + "/.", rootfs.toString()));
        return Kind.COPY;
    }

    /**
     * Unmounts the overlay if there is one, then the scratch disk under it if there is one; the directories
     * are left for the caller to delete.
     */
    public static void release(Path bundle) throws IOException {
        unmount(bundle.resolve(ROOTFS));
        ScratchDisk.release(bundle);
    }

    /**
     * Unmounts {@code mountPoint} if it is mounted. If something still holds it (a process that escaped the
     * kill, a lazily detached mount above it) it is detached lazily, so the bundle can go.
     */
    static void unmount(Path mountPoint) throws IOException {
        if (!isMounted(mountPoint)) {
            return;
        }
        HostCommand.Result result = HostCommand.run(List.of("umount", mountPoint.toString()));
        if (!result.ok()) {
            LOG.warning(() -> "umount " + mountPoint + " failed (" + result.output() + "); detaching it lazily");
            HostCommand.check(List.of("umount", "-l", mountPoint.toString()));
        }
    }

    /**
     * Creates the directory {@code containerPath} (absolute, as the container sees it) and its missing
     * parents inside {@code rootfs}, owned by the process's user, as guardian does for a process's dir.
     * A symbolic link on the way stops it: followed from the host it could point anywhere on the host,
     * so such a path is left for runc to resolve inside the container.
     */
    public static void createDirs(Path rootfs, String containerPath, int uid, int gid) throws IOException {
        Path current = rootfs;
        for (Path part : Path.of(containerPath)) {
            if (part.toString().equals("..") || part.toString().equals(".")) {
                return;
            }
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                return;
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
                Files.setAttribute(current, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(current, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
        }
    }

    /** Linux's limit on symbolic links followed while resolving one path (MAXSYMLINKS). */
    static final int MAX_SYMLINKS = 40;

    /**
     * The host path of {@code containerPath} (absolute, as the container sees it) with every symbolic link
     * on the way resolved as the container would resolve it, with {@code rootfs} as its root: an absolute
     * link starts again at the rootfs and {@code ..} never climbs above it. So an agent that reads or
     * writes container files from the host cannot be led onto the host's own files by links a container
     * made. The last component is resolved too; missing components are kept as they are.
     */
    public static Path resolveInside(Path rootfs, String containerPath) throws IOException {
        Deque<String> todo = new ArrayDeque<>(components(containerPath));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            Path candidate = join(rootfs, resolved).resolve(part);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_SYMLINKS) {
                    throw new IOException("too many levels of symbolic links in " + containerPath);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> parts = components(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
                continue;
            }
            resolved.add(part);
        }
        return join(rootfs, resolved);
    }

    /** The non-empty components of a path other than ".". */
    private static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static Path join(Path rootfs, List<String> parts) {
        Path path = rootfs;
        for (String part : parts) {
            path = path.resolve(part);
        }
        return path;
    }

    /** Whether {@code path} is a mount point, from {@code /proc/self/mountinfo}. */
    public static boolean isMounted(Path path) throws IOException {
        Path info = Path.of("/proc/self/mountinfo");
        if (!Files.exists(info)) {
            return false;
        }
        String target = path.toAbsolutePath().normalize().toString();
        for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
            // id parent major:minor root mount-point options ...
            String[] fields = line.split(" ");
            if (fields.length > 4 && unescape(fields[4]).equals(target)) {
                return true;
            }
        }
        return false;
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes. */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Overlay options are comma- and colon-separated, with no escaping that mount(8) passes through. */
    private static String safe(Path path) throws IOException {
        String s = path.toAbsolutePath().normalize().toString();
        if (s.contains(",") || s.contains(":") || s.contains("\\")) {
            throw new IOException("cannot use " + s + " in an overlay mount (contains , : or \\)");
        }
        return s;
    }
}
