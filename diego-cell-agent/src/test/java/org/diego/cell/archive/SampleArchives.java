package org.diego.cell.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Archives for tests of extraction, downloads and setup. */
public final class SampleArchives {
    private SampleArchives() {
    }

    /** A tar with a script (0755), a file under a directory, a symlink and a name over 100 bytes. */
    public static byte[] tar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(bytes)) {
            byte[] script = "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8);
            tar.file("bin/run.sh", 0755, script.length, 0, new ByteArrayInputStream(script));
            tar.directory("data", 0750, 0);
            byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
            tar.file("data/greeting.txt", 0644, text.length, 0, new ByteArrayInputStream(text));
            tar.symlink("link", "data/greeting.txt", 0);
            String longName = "deep/" + "x".repeat(120) + ".txt";
            tar.file(longName, 0600, text.length, 0, new ByteArrayInputStream(text));
        }
        return bytes.toByteArray();
    }

    public static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    /** A zip with an executable script, written through the JDK zip file system so it records modes. */
    public static byte[] zip(Path workDir) throws IOException {
        Path zip = workDir.resolve("sample-" + System.nanoTime() + ".zip");
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("create", "true",
                "enablePosixFileAttributes", "true"))) {
            Path script = fs.getPath("/bin/run.sh");
            Files.createDirectories(script.getParent());
            Files.writeString(script, "#!/bin/sh\necho hi\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(fs.getPath("/readme.txt"), "read me");
            Files.setPosixFilePermissions(fs.getPath("/readme.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        }
        byte[] bytes = Files.readAllBytes(zip);
        Files.delete(zip);
        return bytes;
    }
}
