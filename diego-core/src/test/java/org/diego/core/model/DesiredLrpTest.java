package org.diego.core.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** DesiredLRP validation: every refusal is an InvalidRequest naming Diego's field. */
class DesiredLrpTest {

    /** A mutable builder over the record so each test changes one field of a valid LRP. */
    static final class B {
        String processGuid = "my-app_GUID-123";
        String domain = "cf-apps";
        String rootfs = "preloaded:cflinuxfs4";
        int instances = 2;
        int memoryMb = 256;
        int diskMb = 1024;
        int maxPids = 0;
        List<EnvironmentVariable> env = List.of(new EnvironmentVariable("PORT", "8080"));
        Action action = new Action(new RunAction("/home/vcap/app/run", List.of("--port", "8080"), "/home/vcap",
                List.of(new EnvironmentVariable("A", "b")), "vcap"));
        long startTimeoutMs = 60_000;
        List<Integer> ports = List.of(8080, 2222);
        List<String> placementTags = List.of("isolated");
        String annotation = "{\"etag\":\"1\"}";
        ModificationTag tag = new ModificationTag("epoch", 1);

        DesiredLrp build() {
            return DesiredLrp.builder().processGuid(processGuid).domain(domain).rootfs(rootfs).instances(instances)
                    .memoryMb(memoryMb).diskMb(diskMb).maxPids(maxPids).env(env).action(action)
                    .startTimeoutMs(startTimeoutMs).ports(ports).placementTags(placementTags).annotation(annotation)
                    .modificationTag(tag).build();
        }
    }

    static void assertInvalid(String field, DesiredLrp lrp) {
        ValidationException e = assertThrows(ValidationException.class, lrp::validate);
        assertAll(
                () -> assertEquals(field, e.field()),
                () -> assertEquals(ErrorType.InvalidRequest, e.type()),
                () -> assertTrue(e.getMessage().contains(field), e.getMessage()),
                () -> assertEquals(ErrorType.InvalidRequest, e.toError().type()));
    }

    @Test
    void aValidLrpPassesAndValidateReturnsIt() {
        DesiredLrp lrp = new B().build();
        assertSame(lrp, lrp.validate());
    }

    @Test
    void aMinimalLrpPasses() {
        B b = new B();
        b.instances = 0;
        b.memoryMb = 0;
        b.diskMb = 0;
        b.env = null;
        b.ports = null;
        b.placementTags = null;
        b.annotation = null;
        b.tag = null;
        b.startTimeoutMs = 0;
        b.action = new Action(new RunAction("/bin/true", null, null, null, null));
        assertDoesNotThrow(() -> b.build().validate());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void processGuidIsRequired(String guid) {
        B b = new B();
        b.processGuid = guid;
        assertInvalid("process_guid", b.build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "a/b", "a.b", "a:b", "émile", "guid\n", "\tguid", "a+b", "a@b"})
    void processGuidMustMatchTheGuidPattern(String guid) {
        B b = new B();
        b.processGuid = guid;
        assertInvalid("process_guid", b.build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "A", "0", "-", "_", "abc-DEF_123", "9f1c2e6e-2b8a-4b9e-8f3a-0c1d2e3f4a5b"})
    void guidsOfLettersDigitsDashAndUnderscorePass(String guid) {
        B b = new B();
        b.processGuid = guid;
        assertDoesNotThrow(() -> b.build().validate());
    }

    @Test
    void negativeNumbersNameTheirField() {
        B b = new B();
        b.instances = -1;
        assertInvalid("instances", b.build());
        b = new B();
        b.memoryMb = -1;
        assertInvalid("memory_mb", b.build());
        b = new B();
        b.diskMb = -1;
        assertInvalid("disk_mb", b.build());
        b = new B();
        b.maxPids = -1;
        assertInvalid("max_pids", b.build());
        b = new B();
        b.startTimeoutMs = -1;
        assertInvalid("start_timeout_ms", b.build());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" "})
    void domainIsRequired(String domain) {
        B b = new B();
        b.domain = domain;
        assertInvalid("domain", b.build());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" "})
    void rootfsIsRequired(String rootfs) {
        B b = new B();
        b.rootfs = rootfs;
        assertInvalid("rootfs", b.build());
    }

    @Test
    void actionIsRequired() {
        B b = new B();
        b.action = null;
        assertInvalid("action", b.build());
    }

    @Test
    void anActionWithoutRunIsRefused() {
        B b = new B();
        b.action = new Action(null);
        ValidationException e = assertThrows(ValidationException.class, () -> b.build().validate());
        assertEquals("action", e.field());
        assertTrue(e.getMessage().contains("exactly one action"), e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void aRunWithoutPathIsRefused(String path) {
        B b = new B();
        b.action = new Action(new RunAction(path, List.of("x"), null, null, null));
        assertInvalid("action.run.path", b.build());
    }

    @Test
    void environmentVariablesNeedANameAndAreNamedByPosition() {
        B b = new B();
        b.env = List.of(new EnvironmentVariable("OK", "1"), new EnvironmentVariable("", "2"));
        assertInvalid("env[1].name", b.build());

        B run = new B();
        run.action = new Action(new RunAction("/bin/sh", null, null,
                List.of(new EnvironmentVariable(null, "v")), null));
        assertInvalid("action.run.env[0].name", run.build());
    }

    @Test
    void anEmptyEnvValueIsFine() {
        B b = new B();
        b.env = List.of(new EnvironmentVariable("EMPTY", ""), new EnvironmentVariable("NULL", null));
        assertDoesNotThrow(() -> b.build().validate());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, 100_000})
    void portsOutsideOneTo65535AreRefusedByPosition(int bad) {
        B b = new B();
        b.ports = List.of(8080, bad);
        assertInvalid("ports[1]", b.build());
    }

    @Test
    void aNullPortCannotEvenBeConstructed() {
        // List.copyOf in the constructor rejects null elements before validate() could see them.
        List<Integer> withNull = Arrays.asList(8080, null);
        B b = new B();
        b.ports = withNull;
        assertThrows(NullPointerException.class, b::build);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 22, 8080, 65535})
    void boundaryPortsPass(int port) {
        B b = new B();
        b.ports = List.of(port);
        assertDoesNotThrow(() -> b.build().validate());
    }

    @Test
    void annotationIsLimitedTo10KiBOfUtf8() {
        B b = new B();
        b.annotation = "a".repeat(10 * 1024);
        assertDoesNotThrow(() -> b.build().validate(), "exactly 10 KiB is allowed");

        b.annotation = "a".repeat(10 * 1024 + 1);
        assertInvalid("annotation", b.build());

        // 5121 two-byte characters: fewer than 10 KiB chars but more than 10 KiB of bytes.
        b.annotation = "é".repeat(5121);
        assertInvalid("annotation", b.build());
        b.annotation = "é".repeat(5120);
        assertDoesNotThrow(() -> b.build().validate());
    }

    @Test
    void theFirstBadFieldIsReported() {
        B b = new B();
        b.processGuid = "bad guid";
        b.domain = null;
        b.memoryMb = -5;
        assertInvalid("process_guid", b.build());
        b.processGuid = "ok";
        assertInvalid("domain", b.build());
    }

    @Test
    void schedulingInfoCarriesWhatPlacementNeeds() {
        DesiredLrp lrp = new B().build();
        DesiredLrpSchedulingInfo info = lrp.schedulingInfo();
        assertAll(
                () -> assertEquals("my-app_GUID-123", info.processGuid()),
                () -> assertEquals("cf-apps", info.domain()),
                () -> assertEquals(2, info.instances()),
                () -> assertEquals(256, info.memoryMb()),
                () -> assertEquals(1024, info.diskMb()),
                () -> assertEquals("preloaded:cflinuxfs4", info.rootfs()),
                () -> assertEquals(List.of("isolated"), info.placementTags()),
                () -> assertEquals(lrp.modificationTag(), info.modificationTag()),
                () -> assertEquals("{\"etag\":\"1\"}", info.annotation()));
    }

    @Test
    void schedulingInfoNormalisesMissingPlacementTags() {
        assertEquals(List.of(), DesiredLrpSchedulingInfo.of("p", "d", 1, 1, 1, "r", null).placementTags());
    }

    @Test
    void withModificationTagChangesOnlyTheTag() {
        DesiredLrp lrp = new B().build();
        DesiredLrp tagged = lrp.withModificationTag(new ModificationTag("e2", 7));
        assertEquals(new ModificationTag("e2", 7), tagged.modificationTag());
        assertEquals(lrp, tagged.withModificationTag(lrp.modificationTag()));
    }

    @Test
    void listsAreDefensivelyCopiedAndNullsBecomeEmpty() {
        List<Integer> ports = new ArrayList<>(List.of(8080));
        B b = new B();
        b.ports = ports;
        DesiredLrp lrp = b.build();
        ports.add(9090);
        assertEquals(List.of(8080), lrp.ports());
        assertThrows(UnsupportedOperationException.class, () -> lrp.ports().add(1));

        B empty = new B();
        empty.env = null;
        empty.ports = null;
        empty.placementTags = null;
        DesiredLrp e = empty.build();
        assertEquals(List.of(), e.env());
        assertEquals(List.of(), e.ports());
        assertEquals(List.of(), e.placementTags());
    }
}
