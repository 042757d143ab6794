package org.diego.cell.garden.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerUserTest {
    @TempDir
    Path rootfs;

    @BeforeEach
    void passwd() throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), """
                root:x:0:0:root:/root:/bin/sh
                # a comment
                broken:x:notanumber:1::/x:/bin/sh
                vcap:x:2000:2001:vcap:/home/vcap:/bin/sh
                nohome:x:3000:3000:::/bin/sh
                """);
    }

    @Test
    void namesAndIdsResolveThroughPasswd() throws IOException {
        assertEquals(new ContainerUser("root", 0, 0, "/root"), ContainerUser.resolve(rootfs, null));
        assertEquals(new ContainerUser("root", 0, 0, "/root"), ContainerUser.resolve(rootfs, ""));
        assertEquals(new ContainerUser("vcap", 2000, 2001, "/home/vcap"), ContainerUser.resolve(rootfs, "vcap"));
        assertEquals(new ContainerUser("vcap", 2000, 2001, "/home/vcap"), ContainerUser.resolve(rootfs, "2000"));
        assertEquals(new ContainerUser("vcap", 2000, 7, "/home/vcap"), ContainerUser.resolve(rootfs, "2000:7"));
        assertEquals(new ContainerUser("4000", 4000, 4000, "/"), ContainerUser.resolve(rootfs, "4000"),
                "an id passwd does not know still runs, in /");
        assertEquals("/", ContainerUser.resolve(rootfs, "nohome").home());
        assertThrows(IOException.class, () -> ContainerUser.resolve(rootfs, "nobody-here"));
    }

    @Test
    void withoutPasswdOnlyRootAndIdsWork() throws IOException {
        Files.delete(rootfs.resolve("etc/passwd"));
        assertEquals(ContainerUser.ROOT, ContainerUser.resolve(rootfs, null));
        assertEquals(1000, ContainerUser.resolve(rootfs, "1000").uid());
        assertThrows(IOException.class, () -> ContainerUser.resolve(rootfs, "vcap"));
    }
}
