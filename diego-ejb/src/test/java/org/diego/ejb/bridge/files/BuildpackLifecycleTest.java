package org.diego.ejb.bridge.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.diego.core.bridge.staging.StagingResponseForCC;
import org.diego.core.bridge.staging.StagingResponses;
import org.diego.core.bridge.staging.StagingTaskBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The buildpack builder and launcher from the served bundle, run on fake buildpacks with the host's sh. */
class BuildpackLifecycleTest {
    @TempDir
    Path container;
    private Path builder;

    @BeforeEach
    void setUp() throws Exception {
        ScriptRunner.assumeTools("tar", "gzip", "md5sum", "awk", "sed");
        builder = ScriptRunner.unpack("buildpack_app_lifecycle", container.resolve("tmp/lifecycle")).resolve("builder");
        Files.createDirectories(container.resolve("tmp/app"));
        Files.writeString(container.resolve("tmp/app/index.html"), "hello");
    }

    private Path buildpack(String key) {
        return container.resolve("tmp/buildpacks/" + StagingTaskBuilder.md5Hex(key));
    }

    private void staticBuildpack(String key, String detect, String compile, String release) throws Exception {
        Path bin = buildpack(key).resolve("bp-main/bin"); // wrapped in a directory, as a zip often is
        ScriptRunner.script(bin.resolve("detect"), detect);
        ScriptRunner.script(bin.resolve("compile"), compile);
        ScriptRunner.script(bin.resolve("release"), release);
    }

    private ScriptRunner.Result build(String order, boolean skipDetect) throws Exception {
        return ScriptRunner.sh(container, builder, "-buildDir=tmp/app", "-buildpacksDir=tmp/buildpacks",
                "-buildpackOrder=" + order, "-skipDetect=" + skipDetect, "-buildArtifactsCacheDir=tmp/cache",
                "-outputDroplet=tmp/droplet", "-outputBuildArtifactsCache=tmp/output-cache", "-outputMetadata=tmp/result.json");
    }

    private static final String RELEASE = "printf -- '---\\ndefault_process_types:\\n  web: echo \"$GREETING\" from $(basename $(pwd))\\n'";

    @Test
    void stagesWithTheFirstDetectingBuildpackAndLaunchesTheDroplet() throws Exception {
        staticBuildpack("nope", "exit 1", "exit 1", "exit 1");
        staticBuildpack("static", "[ -f \"$1/index.html\" ] && echo static-sh",
                "mkdir -p \"$1/.profile.d\" && echo 'export GREETING=hi' > \"$1/.profile.d/g.sh\" && echo c > \"$2/cached\"", RELEASE);
        ScriptRunner.Result r = build("nope,static", false);
        assertEquals(0, r.exit(), r.stderr());

        String result = Files.readString(container.resolve("tmp/result.json"));
        StagingResponseForCC response = StagingResponses.fromTask(false, "", result);
        assertEquals("static-sh", response.result().path("lifecycle_metadata").path("detected_buildpack").asText());
        assertEquals("static", response.result().path("lifecycle_metadata").path("buildpack_key").asText());
        assertEquals("echo \"$GREETING\" from $(basename $(pwd))", response.result().path("process_types").path("web").asText());

        Path home = Files.createDirectories(container.resolve("home"));
        assertEquals(0, ScriptRunner.run(home, List.of("tar", "-xzf", container.resolve("tmp/droplet").toString())).exit());
        assertTrue(Files.exists(home.resolve("app/index.html")));
        assertTrue(Files.readString(home.resolve("staging_info.yml")).contains("\"detected_buildpack\":\"static-sh\""));
        assertEquals(0, ScriptRunner.run(container, List.of("tar", "-tzf", "tmp/output-cache")).exit());

        Path launcher = container.resolve("tmp/lifecycle/launcher");
        ScriptRunner.Result fromStagingInfo = ScriptRunner.sh(home, launcher, "app", "", "{}");
        assertEquals("hi from app\n", fromStagingInfo.stdout(), fromStagingInfo.stderr());
        ScriptRunner.Result given = ScriptRunner.sh(home, launcher, "app", "echo $HOME:$GREETING");
        assertEquals(home.resolve("app").toRealPath() + ":hi\n", given.stdout());
    }

    @Test
    void noDetectingBuildpackExits222() throws Exception {
        staticBuildpack("a", "exit 1", "true", RELEASE);
        ScriptRunner.Result r = build("a", false);
        assertEquals(222, r.exit());
        assertTrue(r.stderr().contains("None of the buildpacks detected a compatible application"));
        assertEquals("NoAppDetectedError", StagingResponses.errorId("STG: Exited with status " + r.exit()));
    }

    @Test
    void compileAndReleaseFailuresHaveTheirCodes() throws Exception {
        staticBuildpack("c", "echo c", "exit 3", RELEASE);
        assertEquals(223, build("c", false).exit());
        staticBuildpack("r", "echo r", "true", "exit 4");
        assertEquals(224, build("r", true).exit());
    }

    @Test
    void skipDetectRunsSupplyThenFinalizeOfTheLast() throws Exception {
        Path first = buildpack("dep").resolve("bin");
        ScriptRunner.script(first.resolve("supply"), "echo supplied > \"$3/$4/dep.txt\"");
        Path last = buildpack("final").resolve("bin");
        ScriptRunner.script(last.resolve("detect"), "exit 1"); // never run with skip-detect
        ScriptRunner.script(last.resolve("finalize"), "cp \"$3/0/dep.txt\" \"$1/final.txt\"");
        ScriptRunner.script(last.resolve("release"), "printf 'default_process_types:\\n  web: cat final.txt\\n'");
        ScriptRunner.Result r = build("dep,final", true);
        assertEquals(0, r.exit(), r.stderr());
        Path home = Files.createDirectories(container.resolve("home"));
        ScriptRunner.run(home, List.of("tar", "-xzf", container.resolve("tmp/droplet").toString()));
        assertEquals("supplied\n", ScriptRunner.sh(home, container.resolve("tmp/lifecycle/launcher"), "app", "").stdout());
    }

    @Test
    void aBuildpackWithoutSupplyCannotBeANonFinalOne() throws Exception {
        staticBuildpack("old", "true", "true", RELEASE);
        staticBuildpack("new", "true", "true", RELEASE);
        assertEquals(225, build("old,new", true).exit());
    }
}
