package org.diego.cell.garden.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.diego.cell.archive.TarReader;
import org.diego.cell.garden.runc.RootfsLayer;

/**
 * Applies image layers, lowest first, onto one directory, as the OCI image spec's changeset rules say:
 * entries replace what is there; {@code .wh.NAME} deletes {@code NAME} of the lower layers;
 * {@code .wh..wh..opq} empties its directory of what the lower layers put there. Owners, modes (setuid
 * included) and modification times are kept; devices and fifos are skipped (a rootfs gets its {@code /dev}
 * from runc). Every entry's parent is resolved inside the directory, so no entry, link or whiteout can
 * reach outside it; {@code ..} in a name is refused.
 */
public final class LayerUnpacker {
    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";

    private LayerUnpacker() {
    }

    /**
     * Applies the layer blob (tar, or tar+gzip detected by its magic) onto {@code root}. When
     * {@code digest} is given the blob must match it, checked after reading it all.
     */
    public static void apply(InputStream blob, String digest, Path root) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        DigestInputStream digesting = new DigestInputStream(blob, sha256);
        BufferedInputStream buffered = new BufferedInputStream(digesting, 65536);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
        buffered.reset();
        InputStream tar = gzip ? new GZIPInputStream(buffered, 65536) : buffered;
        applyTar(tar, root);
        buffered.transferTo(java.io.OutputStream.nullOutputStream()); // the rest of the blob (gzip trailer, tar padding) counts too
        if (digest != null) {
            String actual = "sha256:" + Blobs.hex(sha256.digest());
            if (!actual.equals(digest)) {
                throw new IOException("layer " + digest + " does not match its digest (read " + actual + ")");
            }
        }
    }

    /** Applies an uncompressed layer tar. */
    static void applyTar(InputStream tar, Path root) throws IOException {
        Files.createDirectories(root);
        TarReader reader = new TarReader(tar);
        Set<Path> written = new HashSet<>(); // by this layer: an opaque whiteout spares them
        for (TarReader.Entry entry = reader.next(); entry != null; entry = reader.next()) {
            List<String> parts = parts(entry.name());
            if (parts.isEmpty()) {
                continue; // the root itself
            }
            String base = parts.get(parts.size() - 1);
            String parentPath = "/" + String.join("/", parts.subList(0, parts.size() - 1));
            Path parent = RootfsLayer.resolveInside(root, parentPath);
            if (base.equals(OPAQUE)) {
                emptyExcept(parent, written);
                continue;
            }
            if (base.startsWith(WHITEOUT)) {
                deleteTree(parent.resolve(base.substring(WHITEOUT.length())));
                continue;
            }
            if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(parent); // a layer may omit the directory entries
            }
            Path target = parent.resolve(base);
            switch (entry.kind()) {
                case DIRECTORY -> {
                    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                        deleteTree(target);
                        Files.createDirectory(target);
                    }
                }
                case FILE -> {
                    deleteTree(target);
                    Files.copy(reader.content(), target, StandardCopyOption.REPLACE_EXISTING);
                }
                case SYMLINK -> {
                    deleteTree(target);
                    Files.createSymbolicLink(target, Path.of(entry.linkName()));
                }
                case HARD_LINK -> {
                    List<String> linkParts = parts(entry.linkName());
                    if (linkParts.isEmpty()) {
                        throw new IOException("hard link " + entry.name() + " has no target");
                    }
                    Path existing = RootfsLayer.resolveInside(root,
                            "/" + String.join("/", linkParts.subList(0, linkParts.size() - 1)))
                            .resolve(linkParts.get(linkParts.size() - 1));
                    if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
                        throw new IOException("hard link " + entry.name() + " to a missing file " + entry.linkName());
                    }
                    deleteTree(target);
                    Files.createLink(target, existing);
                    written.add(target);
                    continue; // shares the target's inode: owner and mode are already its
                }
                case OTHER -> {
                    continue;
                }
            }
            own(target, entry);
            written.add(target);
        }
    }

    /** Owner first: chown clears setuid bits. Links keep their own (no mode on Linux). */
    private static void own(Path target, TarReader.Entry entry) throws IOException {
        Files.setAttribute(target, "unix:uid", (int) entry.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(target, "unix:gid", (int) entry.gid(), LinkOption.NOFOLLOW_LINKS);
        if (entry.kind() != TarReader.Kind.SYMLINK) {
            Files.setAttribute(target, "unix:mode", entry.mode() & 07777);
            Files.setLastModifiedTime(target, FileTime.fromMillis(entry.mtimeSeconds() * 1000));
        }
    }

    /** A name's components without "." and leading slashes; ".." is refused. */
    static List<String> parts(String name) throws IOException {
        List<String> parts = new java.util.ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new IOException("layer entry " + name + " contains ..");
            }
            parts.add(part);
        }
        return parts;
    }

    private static void emptyExcept(Path dir, Set<Path> keep) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir);
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                if (!keep.contains(child)) {
                    deleteTree(child);
                }
            }
        }
    }

    /** Deletes a file, link (not its target) or directory tree; a missing one is fine. */
    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
