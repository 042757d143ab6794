package org.diego.cell.garden.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aDirectoryIsNotAMountPoint() throws Exception {
        assertFalse(RootfsLayer.isMounted(dir));
        assertTrue(RootfsLayer.isMounted(Path.of("/proc")) || !Files.exists(Path.of("/proc/self/mountinfo")));
    }
}
