package org.diego.cell.garden.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsLayerTest {
    @TempDir
    Path dir;

    @Test
    void mountinfoEscapesAreDecoded() {
        assertEquals("/a b\tc\\d", RootfsLayer.unescape("/a\\040b\\011c\\134d"));
        assertEquals("/plain\\x", RootfsLayer.unescape("/plain\\x"));
    }

    @Test
    void processDirsAreCreatedWithoutFollowingLinksOutOfTheRootfs() throws Exception {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(rootfs.resolve("home/vcap"));
        Files.createSymbolicLink(rootfs.resolve("home/evil"), outside);
        int uid = (Integer) Files.getAttribute(rootfs, "unix:uid");
        int gid = (Integer) Files.getAttribute(rootfs, "unix:gid");

        RootfsLayer.createDirs(rootfs, "/home/vcap/app/bin", uid, gid);
        assertTrue(Files.isDirectory(rootfs.resolve("home/vcap/app/bin")));

        RootfsLayer.createDirs(rootfs, "/home/evil/app", uid, gid);
        assertFalse(Files.exists(outside.resolve("app")), "the link is left for runc to resolve in the container");
        RootfsLayer.createDirs(rootfs, "/../escape", uid, gid);
        assertFalse(Files.exists(dir.resolve("escape")));
    }

    @Test
    void pathsResolveTheirLinksInsideTheRootfsAsTheContainerSeesThem() throws Exception {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("home/vcap"));
        Files.createDirectories(rootfs.resolve("bin"));
        Files.createSymbolicLink(rootfs.resolve("sbin"), Path.of("bin"));
        Files.createSymbolicLink(rootfs.resolve("home/vcap/hosts"), Path.of("/etc/hosts"));
        Files.createSymbolicLink(rootfs.resolve("home/vcap/up"), Path.of("../../../../.."));
        Files.createSymbolicLink(rootfs.resolve("loop"), Path.of("loop"));

        assertEquals(rootfs.resolve("bin/sh"), RootfsLayer.resolveInside(rootfs, "/sbin/sh"));
        assertEquals(rootfs.resolve("etc/hosts"), RootfsLayer.resolveInside(rootfs, "/home/vcap/hosts"),
                "an absolute link starts at the rootfs, not at the host's /");
        assertEquals(rootfs.resolve("etc/passwd"), RootfsLayer.resolveInside(rootfs, "/home/vcap/up/etc/passwd"));
        assertEquals(rootfs.resolve("etc"), RootfsLayer.resolveInside(rootfs, "/../../etc"));
        assertEquals(rootfs.resolve("home/vcap/new/dir"), RootfsLayer.resolveInside(rootfs, "/home/vcap/./new//dir"));
        assertEquals(rootfs, RootfsLayer.resolveInside(rootfs, "/"));
        assertThrows(IOException.class, () -> RootfsLayer.resolveInside(rootfs, "/loop/x"));
    }

    @Test
    void aDirectoryIsNotAMountPoint() throws Exception {
        assertFalse(RootfsLayer.isMounted(dir));
        assertTrue(RootfsLayer.isMounted(Path.of("/proc")) || !Files.exists(Path.of("/proc/self/mountinfo")));
    }
}
