package org.diego.cell.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Extracts a tar stream into a directory, as Garden's StreamIn does: modes are kept, existing files are
 * replaced, and no entry may land outside the directory, neither by its name nor through a symlink an
 * earlier entry made.
 */
public final class TarExtractor {
    private TarExtractor() {
    }

    /** Returns the number of entries extracted. */
    public static int extract(InputStream tar, Path destination) throws IOException {
        return extract(tar, destination, -1, -1);
    }

    /**
     * Extracts with every entry (and every directory created for one) owned by {@code uid}:{@code gid}, as
     * Garden's StreamIn as a user leaves them; -1 keeps the extracting process's ids. Returns the number
     * of entries extracted.
     */
    public static int extract(InputStream tar, Path destination, int uid, int gid) throws IOException {
        Files.createDirectories(destination);
        Path root = destination.toRealPath();
        Owner owner = new Owner(uid, gid);
        TarReader reader = new TarReader(tar);
        List<Map.Entry<Path, Integer>> directoryModes = new ArrayList<>();
        int count = 0;
        for (TarReader.Entry entry = reader.next(); entry != null; entry = reader.next()) {
            Path target = inside(root, entry.name());
            if (target == null) {
                continue; // "." or "/": the destination itself
            }
            owner.createDirectories(root, target.getParent());
            checkRealParent(root, target);
            switch (entry.kind()) {
                case DIRECTORY -> {
                    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(target);
                        Files.createDirectory(target);
                    }
                    directoryModes.add(Map.entry(target, entry.mode()));
                }
                case FILE -> {
                    deleteIfNotDirectory(target);
                    Files.copy(reader.content(), target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, permissions(entry.mode()));
                    Files.setLastModifiedTime(target, FileTime.fromMillis(entry.mtimeSeconds() * 1000));
                }
                case SYMLINK -> {
                    deleteIfNotDirectory(target);
                    Files.createSymbolicLink(target, Path.of(entry.linkName()));
                }
                case HARD_LINK -> {
                    Path existing = inside(root, entry.linkName());
                    if (existing == null || !Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
                        throw new IOException("hard link " + entry.name() + " to a missing file " + entry.linkName());
                    }
                    deleteIfNotDirectory(target);
                    Files.copy(existing, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
                case OTHER -> {
                    continue; // devices and fifos cannot be made unprivileged; Garden would, as root
                }
            }
            owner.apply(target);
            count++;
        }
        // Last, so a read-only directory does not stop its own entries from being written.
        for (Map.Entry<Path, Integer> dir : directoryModes) {
            Files.setPosixFilePermissions(dir.getKey(), permissions(dir.getValue() | 0700));
        }
        return count;
    }

    /** Who extracted entries belong to; -1 leaves an id as the file system set it. */
    private record Owner(int uid, int gid) {
        boolean any() {
            return uid >= 0 || gid >= 0;
        }

        /** Like Files.createDirectories below root, owning what it creates. */
        void createDirectories(Path root, Path dir) throws IOException {
            if (!any() || Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                return;
            }
            Path missing = dir;
            while (!missing.getParent().equals(root) && !Files.exists(missing.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                missing = missing.getParent();
            }
            Files.createDirectories(dir);
            for (Path p = dir; p.startsWith(missing); p = p.getParent()) {
                apply(p);
            }
        }

        void apply(Path path) throws IOException {
            if (uid >= 0) {
                Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            }
            if (gid >= 0) {
                Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** The entry's path under root, or null for the root itself; names leaving root are refused. */
    private static Path inside(Path root, String name) throws IOException {
        String relative = name;
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw new IOException("tar entry " + name + " leaves the destination");
        }
        return resolved.equals(root) ? null : resolved;
    }

    private static void checkRealParent(Path root, Path target) throws IOException {
        if (!target.getParent().toRealPath().startsWith(root)) {
            throw new IOException("tar entry " + root.relativize(target) + " leaves the destination through a symlink");
        }
    }

    private static void deleteIfNotDirectory(Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a directory is in the way");
        }
        Files.deleteIfExists(target);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        return perms;
    }

    static int mode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }
}
