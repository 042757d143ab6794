package org.diego.cell.garden.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.diego.cell.archive.TarWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
    @TempDir
    Path dir;

    @Test
    void anOciLayoutIsUnpackedOnceKeyedByItsManifestDigest() throws Exception {
        Path layout = dir.resolve("layouts/app");
        String digest = ImageFixtures.ociLayout(layout, "1.0", ImageFixtures.config(
                List.of("PATH=/opt/bin:/bin", "GREETING=hi"), "/app", "vcap"), List.of(
                ImageFixtures.gzip(ImageFixtures.tar(t -> file(t, "app/old", "v1"))),
                ImageFixtures.gzip(ImageFixtures.tar(t -> {
                    file(t, "app/.wh.old", "");
                    file(t, "app/new", "v2");
                }))));
        ImageStore store = new ImageStore(Map.of("example/app:1.0", layout, "app-by-name", layout),
                dir.resolve("cache"));

        ResolvedImage image = store.resolve("docker:///example/app#1.0");

        assertEquals(digest, image.digest());
        assertEquals(dir.resolve("cache").resolve(digest.replace(':', '-')).resolve("rootfs"), image.rootfs());
        assertEquals("v2", Files.readString(image.rootfs().resolve("app/new")));
        assertFalse(Files.exists(image.rootfs().resolve("app/old")));
        assertEquals(new ImageConfig(List.of("PATH=/opt/bin:/bin", "GREETING=hi"), "/app", "vcap"), image.config());

        Files.writeString(image.rootfs().resolve("app/marker"), "still here");
        assertEquals(image, store.resolve("docker:///example/app:1.0"), "the tag after a colon is the same image");
        assertEquals(image, store.resolve("oci:///app-by-name"));
        assertEquals(image, store.resolve("oci://" + layout), "a path the map lists");
        assertTrue(Files.exists(image.rootfs().resolve("app/marker")), "not unpacked again");
        assertEquals(1, store.cached().size());
    }

    @Test
    void aDockerArchiveIsFoundByItsRepoTag() throws Exception {
        Path archive = dir.resolve("busybox.tar");
        byte[] config = ImageFixtures.config(List.of("A=b"), "", "");
        ImageFixtures.dockerArchive(archive, "busybox:latest", config,
                List.of(ImageFixtures.tar(t -> file(t, "bin/sh", "#!")), ImageFixtures.tar(t -> file(t, "etc/x", "y"))));
        ImageStore store = new ImageStore(Map.of("busybox", archive), dir.resolve("cache"));

        ResolvedImage image = store.resolve("docker:///library/busybox");

        assertEquals(Blobs.sha256(config), image.digest(), "the image id stands in for the manifest digest");
        assertEquals("#!", Files.readString(image.rootfs().resolve("bin/sh")));
        assertEquals("y", Files.readString(image.rootfs().resolve("etc/x")));
        assertEquals(List.of("A=b"), image.config().env());
    }

    @Test
    void unknownImagesAndBrokenLayoutsAreClearErrorsAndLeaveNoCache() throws Exception {
        Path layout = dir.resolve("layout");
        ImageFixtures.ociLayout(layout, "1.0", ImageFixtures.config(List.of(), "", ""),
                List.of(ImageFixtures.gzip(ImageFixtures.tar(t -> file(t, "f", "x")))));
        ImageStore store = new ImageStore(Map.of("app:1.0", layout, "missing", dir.resolve("nope")),
                dir.resolve("cache"));

        IOException unknown = assertThrows(IOException.class, () -> store.resolve("docker:///other"));
        assertTrue(unknown.getMessage().contains("not available on this cell"), unknown.getMessage());
        assertThrows(IOException.class, () -> store.resolve("oci:///etc"), "a host path the map does not list");
        IOException tag = assertThrows(IOException.class, () -> store.resolve("docker:///app#2.0"));
        assertTrue(tag.getMessage().contains("not available"), tag.getMessage());
        assertThrows(IOException.class, () -> store.resolve("docker:///missing"));
        assertThrows(IOException.class, () -> store.resolve("preloaded:cflinuxfs4"));

        // A corrupted layer blob: the digest check fails and nothing is cached.
        try (var blobs = Files.list(layout.resolve("blobs/sha256"))) {
            for (Path blob : blobs.toList()) {
                byte[] bytes = Files.readAllBytes(blob);
                if (bytes[0] == 0x1f) {
                    Files.write(blob, ImageFixtures.gzip(ImageFixtures.tar(t -> file(t, "f", "evil"))));
                }
            }
        }
        assertThrows(IOException.class, () -> store.resolve("docker:///app#1.0"));
        assertEquals(List.of(), store.cached());
    }

    @Test
    void imageRefsParseAsDiegoWritesThem() {
        assertEquals(new ImageRef("docker", "cloudfoundry/grace", "latest"), ImageRef.parse("docker:///cloudfoundry/grace"));
        assertEquals(new ImageRef("docker", "busybox", "1.36"), ImageRef.parse("docker:///busybox#1.36"));
        assertEquals(new ImageRef("docker", "reg.example:5000/a/b", "v1"),
                ImageRef.parse("docker://reg.example:5000/a/b#v1"));
        assertEquals(new ImageRef("oci", "var/images/x", ""), ImageRef.parse("oci:///var/images/x"));
        assertEquals(List.of("docker.io/library/ubuntu:latest", "library/ubuntu:latest", "ubuntu:latest",
                "docker.io/library/ubuntu", "library/ubuntu", "ubuntu"),
                ImageRef.parse("docker:///docker.io/library/ubuntu").keys());
        assertTrue(ImageRef.isImage("docker:///x"));
        assertFalse(ImageRef.isImage("preloaded:cflinuxfs4"));
        assertThrows(IllegalArgumentException.class, () -> ImageRef.parse("http://x/y"));
        assertThrows(IllegalArgumentException.class, () -> ImageRef.parse("docker:///"));
    }

    private static void file(TarWriter tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        tar.file(name, 0644, bytes.length, 0, new ByteArrayInputStream(bytes));
    }
}
