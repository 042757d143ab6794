package org.diego.cell.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Turns a downloaded archive into a plain tar, like Diego's cached downloader (TarTransform): a tar is
 * kept, a gzipped tar is unzipped, a zip is rewritten as a tar; anything else is an unknown archive
 * format. Formats are told by their magic bytes, not the URL.
 */
public final class Archives {
    /** Diego's error text. */
    public static final String UNKNOWN_FORMAT = "unknown archive format";

    private Archives() {
    }

    /** Writes {@code source} as a tar to {@code tar} (replaced); {@code source} is left in place. */
    public static void toTar(Path source, Path tar) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(source)) {
            head = in.readNBytes(TarHeader.BLOCK);
        }
        if (isTar(head)) {
            Files.copy(source, tar, StandardCopyOption.REPLACE_EXISTING);
        } else if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(source), 64 * 1024)) {
                Files.copy(in, tar, StandardCopyOption.REPLACE_EXISTING);
            }
        } else if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)) {
            zipToTar(source, tar);
        } else {
            throw new IOException(UNKNOWN_FORMAT);
        }
    }

    private static boolean isTar(byte[] head) {
        return head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    /** Entries keep the unix modes the zip recorded (the JDK's zip file system reads them). */
    private static void zipToTar(Path zip, Path tar) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"));
             OutputStream out = Files.newOutputStream(tar);
             TarWriter writer = new TarWriter(out)) {
            Path root = fs.getPath("/");
            List<Path> entries;
            try (Stream<Path> walk = Files.walk(root)) {
                entries = walk.filter(p -> !p.equals(root)).toList();
            }
            for (Path entry : entries) {
                String name = root.relativize(entry).toString();
                PosixFileAttributes attrs = Files.readAttributes(entry, PosixFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                int mode = TarExtractor.mode(attrs.permissions());
                long mtime = attrs.lastModifiedTime().toMillis() / 1000;
                if (attrs.isDirectory()) {
                    writer.directory(name, mode == 0 ? 0755 : mode, mtime);
                } else {
                    try (InputStream in = Files.newInputStream(entry)) {
                        writer.file(name, mode == 0 ? 0644 : mode, attrs.size(), mtime, in);
                    }
                }
            }
        }
    }
}
