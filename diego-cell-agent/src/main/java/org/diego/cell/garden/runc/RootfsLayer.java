package org.diego.cell.garden.runc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * The container's writable root: an overlay mount of the shared read-only rootfs directory (lower) with
 * an upper and work dir in the bundle, so creating a container copies nothing and the rootfs is never
 * modified. Where overlayfs is unavailable (for example a work dir that is itself on overlayfs) the
 * rootfs is copied instead, which is slower and uses disk per container but behaves the same.
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

    /** Makes {@code <bundle>/rootfs} a writable view of {@code lower}. */
    public static Kind prepare(Path lower, Path bundle) throws IOException {
        if (!Files.isDirectory(lower)) {
            throw new IOException("rootfs directory " + lower + " does not exist");
        }
        Path rootfs = Files.createDirectories(bundle.resolve(ROOTFS));
        Path upper = Files.createDirectories(bundle.resolve(UPPER));
        Path work = Files.createDirectories(bundle.resolve(WORK));
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

    /** Unmounts the overlay if there is one; the directories are left for the caller to delete. */
    public static void release(Path bundle) throws IOException {
        Path rootfs = bundle.resolve(ROOTFS);
        if (!isMounted(rootfs)) {
            return;
        }
        HostCommand.Result result = HostCommand.run(List.of("umount", rootfs.toString()));
        if (!result.ok()) {
            // Something still holds it (a process that escaped the kill); detach it so the bundle can go.
            LOG.warning(() -> "umount " + rootfs + " failed (" + result.output() + "); detaching it lazily");
            HostCommand.check(List.of("umount", "-l", rootfs.toString()));
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
