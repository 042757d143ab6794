package org.diego.core.model;

import static org.diego.core.model.Fields.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diego.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The action tree: exactly one kind per Action, Diego's rules per kind, errors named by their path. */
class ActionTest {
    static final DownloadAction DOWNLOAD = new DownloadAction("droplet", "http://fs/d.tgz", "/home/vcap", "key",
            null, "vcap", null, null);
    static final UploadAction UPLOAD = new UploadAction("result", "/tmp/out", "http://cc/upload", null, "vcap");

    static void valid(Action a) {
        assertDoesNotThrow(() -> a.validate("action"));
    }

    @Test
    void everyKindAloneIsValid() {
        Action run = Fields.run();
        valid(Action.of(DOWNLOAD));
        valid(Action.of(UPLOAD));
        valid(run);
        valid(Action.of(new TimeoutAction(run, null, 1)));
        valid(Action.of(new EmitProgressAction(run, "start", "ok", "fail", null)));
        valid(Action.of(new TryAction(run, null)));
        valid(Action.of(new ParallelAction(List.of(run), null)));
        valid(Action.of(new SerialAction(List.of(run, Action.of(DOWNLOAD)), null)));
        valid(Action.of(new CodependentAction(List.of(run), null)));
    }

    @Test
    void anEmptyActionIsRefused() {
        ValidationException e = assertInvalid("action", () -> new Action(null, null, null, null, null, null, null,
                null, null).validate("action"));
        assertTrue(e.getMessage().contains("exactly one action"), e.getMessage());
    }

    @Test
    void twoKindsInOneActionAreRefusedNamingBoth() {
        Action both = new Action(DOWNLOAD, null, Fields.RUN, null, null, null, null, null, null);
        ValidationException e = assertInvalid("action", () -> both.validate("action"));
        assertTrue(e.getMessage().contains("download and run"), e.getMessage());
    }

    @Test
    void downloadNeedsFromToAndUser() {
        assertInvalid("setup.download.from", () -> Action.of(new DownloadAction("a", "", "/to", null, null, "vcap",
                null, null)).validate("setup"));
        assertInvalid("setup.download.to", () -> Action.of(new DownloadAction("a", "http://x", null, null, null,
                "vcap", null, null)).validate("setup"));
        assertInvalid("setup.download.user", () -> Action.of(new DownloadAction("a", "http://x", "/to", null, null,
                "", null, null)).validate("setup"));
    }

    @Test
    void checksumsComeInPairsWithAKnownAlgorithm() {
        assertInvalid("a.download.checksum_algorithm", () -> download(null, "abc").validate("a"));
        assertInvalid("a.download.checksum_value", () -> download("sha1", "").validate("a"));
        assertInvalid("a.download.checksum_algorithm", () -> download("crc32", "abc").validate("a"));
        for (String algorithm : List.of("md5", "sha1", "sha256", "SHA256", "Md5")) {
            assertDoesNotThrow(() -> download(algorithm, "abc").validate("a"), algorithm);
        }
    }

    private static Action download(String algorithm, String value) {
        return Action.of(new DownloadAction("a", "http://x", "/to", null, null, "vcap", algorithm, value));
    }

    @Test
    void uploadNeedsToFromAndUser() {
        assertInvalid("a.upload.to", () -> Action.of(new UploadAction("r", "/f", "", null, "vcap")).validate("a"));
        assertInvalid("a.upload.from", () -> Action.of(new UploadAction("r", null, "http://x", null, "vcap"))
                .validate("a"));
        assertInvalid("a.upload.user", () -> Action.of(new UploadAction("r", "/f", "http://x", null, null))
                .validate("a"));
    }

    @Test
    void runNeedsAPathButNotAUser() {
        assertInvalid("action.run.path", () -> Action.of(new RunAction("", null, null, null, "vcap"))
                .validate("action"));
        valid(Action.of(new RunAction("/bin/sh", null, null, null, null)));
    }

    @Test
    void runResourceLimitsAreUnsigned() {
        RunAction limited = new RunAction("/bin/sh", null, null, null, new ResourceLimits(-1L, null), null, null,
                false, null);
        assertInvalid("action.run.resource_limits.nofile", () -> Action.of(limited).validate("action"));
        valid(Action.of(new RunAction("/bin/sh", null, null, null, new ResourceLimits(1024L, null), null, null,
                false, null)));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -5000})
    void aTimeoutMustBePositive(long ms) {
        assertInvalid("action.timeout.timeout_ms", () -> Action.of(new TimeoutAction(Fields.run(), null, ms))
                .validate("action"));
    }

    @Test
    void wrappersNeedAValidInnerAction() {
        assertInvalid("action.timeout.action", () -> Action.of(new TimeoutAction(null, null, 5)).validate("action"));
        assertInvalid("action.try.action", () -> Action.of(new TryAction(null, null)).validate("action"));
        assertInvalid("action.emit_progress.action", () -> Action.of(new EmitProgressAction(null, "s", "o", "f",
                null)).validate("action"));
        Action badRun = Action.of(new RunAction(null, null, null, null, null));
        assertInvalid("action.try.action.run.path", () -> Action.of(new TryAction(badRun, null)).validate("action"));
    }

    @Test
    void listActionsNeedAtLeastOneActionAndNameTheBadOneByIndex() {
        assertInvalid("action.serial.actions", () -> Action.of(new SerialAction(List.of(), null)).validate("action"));
        assertInvalid("action.parallel.actions", () -> Action.of(new ParallelAction(null, null)).validate("action"));
        assertInvalid("action.codependent.actions", () -> Action.of(new CodependentAction(List.of(), null))
                .validate("action"));
        Action nested = Action.of(new SerialAction(List.of(Fields.run(),
                Action.of(new ParallelAction(List.of(Fields.run(), Action.of(UPLOAD),
                        Action.of(new UploadAction("r", "/f", "http://x", null, ""))), null))), null));
        assertInvalid("action.serial.actions[1].parallel.actions[2].upload.user", () -> nested.validate("action"));
    }

    @Test
    void anEmptyActionInsideAListIsNamedByIndex() {
        Action empty = new Action(null, null, null, null, null, null, null, null, null);
        assertInvalid("monitor.serial.actions[0]", () -> Action.of(new SerialAction(List.of(empty), null))
                .validate("monitor"));
    }

    @Test
    void jsonUsesDiegosActionNames() {
        Action tree = Action.of(new SerialAction(List.of(Action.of(DOWNLOAD),
                Action.of(new TryAction(Fields.run(), "LOG")),
                Action.of(new EmitProgressAction(Action.of(new TimeoutAction(Fields.run(), null, 10)), "s", "o", "f",
                        null)),
                Action.of(new CodependentAction(List.of(Action.of(UPLOAD)), null))), null));
        String json = Json.write(tree);
        for (String name : List.of("\"serial\":", "\"download\":", "\"try\":", "\"emit_progress\":", "\"timeout\":",
                "\"timeout_ms\":10", "\"codependent\":", "\"upload\":", "\"start_message\":", "\"cache_key\":")) {
            assertTrue(json.contains(name), name + " in " + json);
        }
        assertEquals(tree, Json.read(json, Action.class));
    }

    @Test
    void theShortRunConstructorsKeepTheirMeaning() {
        assertEquals(Action.of(Fields.RUN), new Action(Fields.RUN));
        RunAction r = new RunAction("/p", List.of("a"), "/d", null, "u");
        assertEquals(new RunAction("/p", List.of("a"), "/d", List.of(), null, "u", null, false, List.of()), r);
    }
}
