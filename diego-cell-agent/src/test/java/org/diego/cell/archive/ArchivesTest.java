package org.diego.cell.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tar, tgz and zip become tars and extract with their modes; nothing escapes the destination. */
class ArchivesTest {
    @TempDir
    Path dir;

    private Path extract(byte[] archive) throws IOException {
        Path source = Files.write(dir.resolve("archive-" + System.nanoTime()), archive);
        Path tar = dir.resolve("out.tar");
        Archives.toTar(source, tar);
        Path into = dir.resolve("into-" + System.nanoTime());
        try (InputStream in = Files.newInputStream(tar)) {
            TarExtractor.extract(in, into);
        }
        return into;
    }

    @Test
    void aTarAndAGzippedTarExtractWithModesLinksAndLongNames() throws IOException {
        for (byte[] archive : new byte[][] {SampleArchives.tar(), SampleArchives.gzip(SampleArchives.tar())}) {
            Path into = extract(archive);
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(into.resolve("bin/run.sh"))));
            assertEquals("hello", Files.readString(into.resolve("link")));
            assertTrue(Files.isSymbolicLink(into.resolve("link")));
            assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(into.resolve("data"))));
            assertEquals("hello", Files.readString(into.resolve("deep/" + "x".repeat(120) + ".txt")));
        }
    }

    @Test
    void aZipBecomesATarKeepingItsModes() throws IOException {
        Path into = extract(SampleArchives.zip(dir));

        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(into.resolve("bin/run.sh"))));
        assertEquals("read me", Files.readString(into.resolve("readme.txt")));
    }

    @Test
    void anythingElseIsAnUnknownArchiveFormat() throws IOException {
        Path source = Files.writeString(dir.resolve("plain.txt"), "just text");
        IOException e = assertThrows(IOException.class, () -> Archives.toTar(source, dir.resolve("out.tar")));
        assertEquals("unknown archive format", e.getMessage());
    }

    /** As root (the runc backend's agent) the ids are really set; otherwise only our own ids can be. */
    @Test
    void anOwnerGetsEveryEntryAndTheDirectoriesMadeForThem() throws IOException {
        boolean root = Integer.valueOf(0).equals(Files.getAttribute(dir, "unix:uid"));
        int uid = root ? 2000 : (Integer) Files.getAttribute(dir, "unix:uid");
        int gid = root ? 2001 : (Integer) Files.getAttribute(dir, "unix:gid");
        Path existing = Files.createDirectories(dir.resolve("existing"));
        Object existingOwner = Files.getAttribute(existing, "unix:uid");

        try (InputStream in = new ByteArrayInputStream(SampleArchives.tar())) {
            TarExtractor.extract(in, existing, uid, gid);
        }

        for (String entry : new String[] {"bin", "bin/run.sh", "data", "data/greeting.txt", "link", "deep"}) {
            Path p = existing.resolve(entry);
            assertEquals(uid, Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS), entry);
            assertEquals(gid, Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS), entry);
        }
        assertEquals(existingOwner, Files.getAttribute(existing, "unix:uid"), "the destination stays as it was");
    }

    @Test
    void entriesCannotLeaveTheDestination() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(bytes)) {
            tar.file("../escaped.txt", 0644, 1, 0, new ByteArrayInputStream(new byte[] {'x'}));
        }
        assertThrows(IOException.class, () -> TarExtractor.extract(new ByteArrayInputStream(bytes.toByteArray()),
                dir.resolve("into")));

        ByteArrayOutputStream viaLink = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(viaLink)) {
            tar.symlink("out", dir.toString(), 0);
            tar.file("out/escaped.txt", 0644, 1, 0, new ByteArrayInputStream(new byte[] {'x'}));
        }
        assertThrows(IOException.class, () -> TarExtractor.extract(new ByteArrayInputStream(viaLink.toByteArray()),
                dir.resolve("into2")));
        assertTrue(Files.notExists(dir.resolve("escaped.txt")));
    }
}
