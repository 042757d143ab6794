package org.diego.ejb.bridge.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzWriterTest {
    @TempDir
    Path dir;

    @Test
    void bundlesAreDeterministicAndExecutable() throws Exception {
        LifecycleBundles.Bundle a = LifecycleBundles.build("buildpack_app_lifecycle");
        LifecycleBundles.Bundle b = LifecycleBundles.build("buildpack_app_lifecycle");
        assertArrayEquals(a.bytes(), b.bytes(), "every instance serves the same bytes");
        assertEquals(a.md5(), b.md5());
        ScriptRunner.assumeTools("tar", "gzip");
        Path lc = ScriptRunner.unpack("docker_app_lifecycle", dir);
        for (String s : LifecycleBundles.SCRIPTS) {
            assertEquals(true, Files.isExecutable(lc.resolve(s)), s);
        }
        ScriptRunner.Result list = ScriptRunner.run(dir, List.of("tar", "-tvzf", "bundle.tgz"));
        assertEquals(3, list.stdout().lines().count(), list.stdout());
    }

    @Test
    void unknownBundleIsAbsent() {
        assertEquals(true, LifecycleBundles.find("buildpack_app_lifecycle/other.tgz").isEmpty());
        assertEquals(true, LifecycleBundles.find("../etc/passwd").isEmpty());
    }
}
