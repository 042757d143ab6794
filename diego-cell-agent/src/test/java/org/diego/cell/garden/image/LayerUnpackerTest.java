package org.diego.cell.garden.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.diego.cell.archive.TarWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerUnpackerTest {
    @TempDir
    Path root;

    @Test
    void laterLayersReplaceAndWhiteOutWhatLowerLayersPut() throws Exception {
        byte[] lower = ImageFixtures.tar(tar -> {
            tar.directory("etc", 0755, 0);
            file(tar, "etc/gone", "lower");
            file(tar, "etc/changed", "lower");
            tar.directory("etc/gone-dir", 0755, 0);
            file(tar, "etc/gone-dir/inner", "lower");
            tar.directory("opaque", 0755, 0);
            file(tar, "opaque/old", "lower");
            file(tar, "kept", "lower");
            tar.symlink("link", "kept", 0);
        });
        byte[] upper = ImageFixtures.tar(tar -> {
            file(tar, "etc/changed", "upper");
            file(tar, "etc/.wh.gone", "");
            file(tar, "etc/.wh.gone-dir", "");
            tar.directory("opaque", 0755, 0);
            file(tar, "opaque/new", "upper"); // before the marker in the stream: still kept
            file(tar, "opaque/.wh..wh..opq", "");
            file(tar, "etc/.wh.never-existed", "");
        });

        LayerUnpacker.apply(new ByteArrayInputStream(ImageFixtures.gzip(lower)), null, root);
        LayerUnpacker.apply(new ByteArrayInputStream(upper), null, root); // plain tar works too

        assertFalse(Files.exists(root.resolve("etc/gone")));
        assertFalse(Files.exists(root.resolve("etc/gone-dir")));
        assertEquals("upper", read("etc/changed"));
        assertEquals(List.of("new"), names("opaque"), "the opaque directory lost only what lower layers put");
        assertEquals("lower", read("kept"));
        assertEquals(Path.of("kept"), Files.readSymbolicLink(root.resolve("link")));
        try (Stream<Path> all = Files.walk(root)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith(".wh.")), "no whiteout file stays");
        }
    }

    @Test
    void ownersModesAndHardLinksAreKept() throws Exception {
        byte[] layer = ImageFixtures.tar(tar -> {
            tar.owner(2000, 2001);
            tar.directory("home/vcap", 0700, 0);
            file(tar, "home/vcap/setuid", "x");
            tar.owner(0, 0);
            file(tar, "bin/tool", "tool"); // no entry for bin: created
        });
        // The setuid bit is set with unix:mode after chown, which would clear it.
        byte[] modes = ImageFixtures.tar(tar -> {
            tar.owner(2000, 2001);
            tar.file("home/vcap/setuid", 04755, 1, 0, new ByteArrayInputStream("y".getBytes(StandardCharsets.UTF_8)));
        });
        LayerUnpacker.apply(new ByteArrayInputStream(layer), null, root);
        LayerUnpacker.apply(new ByteArrayInputStream(modes), null, root);
        LayerUnpacker.applyTar(new ByteArrayInputStream(hardLink("bin/alias", "bin/tool")), root);

        Path setuid = root.resolve("home/vcap/setuid");
        assertEquals(2000, Files.getAttribute(setuid, "unix:uid"));
        assertEquals(2001, Files.getAttribute(setuid, "unix:gid"));
        assertEquals(04755, (Integer) Files.getAttribute(setuid, "unix:mode") & 07777);
        assertEquals(0700, (Integer) Files.getAttribute(root.resolve("home/vcap"), "unix:mode") & 07777);
        assertEquals(Files.getAttribute(root.resolve("bin/tool"), "unix:ino"),
                Files.getAttribute(root.resolve("bin/alias"), "unix:ino"), "a hard link, not a copy");
    }

    @Test
    void noEntryLeavesTheRootByNameLinkOrWhiteout() throws Exception {
        Path outside = Files.createDirectories(root.resolveSibling(root.getFileName() + "-outside"));
        Files.writeString(outside.resolve("victim"), "safe");
        Path rootfs = root.resolve("rootfs");
        byte[] links = ImageFixtures.tar(tar -> {
            tar.symlink("up", outside.toString(), 0);
            tar.symlink("rel", "../../..", 0);
        });
        byte[] through = ImageFixtures.tar(tar -> {
            file(tar, "up/victim", "pwned");
            file(tar, "rel/landed", "here");
            file(tar, "up/.wh.victim", "");
        });
        LayerUnpacker.apply(new ByteArrayInputStream(links), null, rootfs);
        LayerUnpacker.apply(new ByteArrayInputStream(through), null, rootfs);

        assertEquals("safe", Files.readString(outside.resolve("victim")));
        assertTrue(Files.exists(rootfs.resolve("landed")), "a relative link stops at the root");
        assertFalse(Files.exists(rootfs.resolve(outside.toString().substring(1)).resolve("victim"),
                LinkOption.NOFOLLOW_LINKS), "whited out inside the rootfs, where the link points from inside");

        byte[] dotdot = ImageFixtures.tar(tar -> file(tar, "a/../../escape", "x"));
        assertThrows(IOException.class, () -> LayerUnpacker.apply(new ByteArrayInputStream(dotdot), null, rootfs));
    }

    @Test
    void aLayerMustMatchItsDigest() throws Exception {
        byte[] layer = ImageFixtures.gzip(ImageFixtures.tar(tar -> file(tar, "f", "x")));
        LayerUnpacker.apply(new ByteArrayInputStream(layer), Blobs.sha256(layer), root.resolve("ok"));
        assertEquals("x", Files.readString(root.resolve("ok/f")));

        String wrong = Blobs.sha256("other".getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class,
                () -> LayerUnpacker.apply(new ByteArrayInputStream(layer), wrong, root.resolve("bad")));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    private static void file(TarWriter tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        tar.file(name, 0644, bytes.length, 0, new ByteArrayInputStream(bytes));
    }

    /** TarWriter writes no hard links; patch a symlink entry's type flag to '1'. */
    private static byte[] hardLink(String name, String target) throws IOException {
        byte[] tar = ImageFixtures.tar(t -> t.symlink(name, target, 0));
        tar[156] = '1';
        int sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += i >= 148 && i < 156 ? ' ' : tar[i] & 0xff;
        }
        byte[] checksum = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, tar, 148, 8);
        return tar;
    }

    private String read(String path) throws IOException {
        return Files.readString(root.resolve(path));
    }

    private List<String> names(String dir) throws IOException {
        try (Stream<Path> list = Files.list(root.resolve(dir))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
