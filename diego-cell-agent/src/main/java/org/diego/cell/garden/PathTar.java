package org.diego.cell.garden;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import org.diego.cell.archive.TarWriter;

/**
 * Garden's StreamOut body: a tar of one file or directory. As guardian does it ({@code tar -C dirname
 * basename}), a path names its own entry ({@code app/...} for {@code /home/vcap/app}); a path ending in
 * {@code /} streams the directory's contents instead ({@code ./...}). Symbolic links are archived as
 * links and never followed; devices, sockets and fifos are left out.
 */
public final class PathTar {
    private PathTar() {
    }

    /**
     * A tar of {@code source} (already resolved on the host) as {@code containerPath} names it, spooled
     * to an unlinked file in {@code scratch} so the caller reads it at its pace and nothing is left behind.
     */
    static InputStream open(Path source, String containerPath, Path scratch) throws IOException {
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(containerPath);
        }
        Files.createDirectories(scratch);
        Path spool = Files.createTempFile(scratch, "stream-out-", ".tar");
        try {
            try (OutputStream out = Files.newOutputStream(spool)) {
                write(source, containerPath.endsWith("/") ? "." : baseName(containerPath), out);
            }
            return Files.newInputStream(spool);
        } finally {
            Files.deleteIfExists(spool); // the open stream keeps the data readable on Linux
        }
    }

    /**
     * Opens {@code file} for a single-file read (readFile). Only a regular file is served: a directory
     * would fail only at the first read, and a fifo a container made would block the agent's open.
     */
    static InputStream openRegularFile(Path file, String containerPath, LinkOption... options) throws IOException {
        if (Files.exists(file, options) && !Files.isRegularFile(file, options)) {
            throw new IOException(containerPath + " is not a regular file");
        }
        return Files.newInputStream(file, options);
    }

    /**
     * Writes the tar: {@code source} as entry {@code top}, and below it if it is a directory, with owners
     * and modes as on disk.
     */
    public static void write(Path source, String top, OutputStream out) throws IOException {
        TarWriter tar = new TarWriter(out);
        Files.walkFileTree(source, Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                owner(dir);
                tar.directory(name(dir), mode(dir), mtime(attrs));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                owner(file);
                if (attrs.isSymbolicLink()) {
                    tar.symlink(name(file), Files.readSymbolicLink(file).toString(), mtime(attrs));
                } else if (attrs.isRegularFile()) {
                    try (InputStream content = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                        tar.file(name(file), mode(file), attrs.size(), mtime(attrs), content);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            private void owner(Path p) throws IOException {
                tar.owner(((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue(),
                        ((Number) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)).longValue());
            }

            private String name(Path p) {
                Path relative = source.relativize(p);
                return relative.toString().isEmpty() ? top : top + "/" + relative;
            }
        });
        tar.close();
    }

    private static String baseName(String containerPath) {
        Path name = Path.of(containerPath).getFileName();
        return name == null ? "." : name.toString();
    }

    private static int mode(Path p) throws IOException {
        return ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 07777;
    }

    private static long mtime(BasicFileAttributes attrs) {
        return attrs.lastModifiedTime().toMillis() / 1000;
    }
}
