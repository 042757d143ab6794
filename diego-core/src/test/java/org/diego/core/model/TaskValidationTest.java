package org.diego.core.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Diego's Task.Validate and TaskDefinition.Validate: each bad field is refused by name. */
class TaskValidationTest {
    static final TaskDefinition OK = TaskSamples.definition();

    /** A copy of {@link #OK} with one component replaced, by component name. */
    static TaskDefinition with(String component, Object value) {
        var components = TaskDefinition.class.getRecordComponents();
        Object[] args = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                args[i] = components[i].getName().equals(component) ? value : components[i].getAccessor().invoke(OK);
            }
            var types = Arrays.stream(components).map(c -> c.getType()).toArray(Class<?>[]::new);
            return TaskDefinition.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> badDefinitions() {
        return Stream.of(
                Arguments.of("rootfs", with("rootfs", "")),
                Arguments.of("rootfs", with("rootfs", "cflinuxfs4")),
                Arguments.of("rootfs", with("rootfs", ":cflinuxfs4")),
                Arguments.of("rootfs", with("rootfs", "1preloaded:x")),
                Arguments.of("action", with("action", null)),
                Arguments.of("action", with("action", new Action(null))),
                Arguments.of("action.run.path", with("action", new Action(new RunAction("", null, null, null, null)))),
                Arguments.of("env[0].name", with("env", List.of(new EnvironmentVariable("", "v")))),
                Arguments.of("memory_mb", with("memoryMb", -1)),
                Arguments.of("disk_mb", with("diskMb", -1)),
                Arguments.of("cpu_weight", with("cpuWeight", -1)),
                Arguments.of("max_pids", with("maxPids", -1)),
                Arguments.of("annotation", with("annotation", "a".repeat(10 * 1024 + 1))),
                Arguments.of("annotation", with("annotation", "\u00e9".repeat(5 * 1024 + 1))),
                Arguments.of("image_username", with("imagePassword", "secret")),
                Arguments.of("image_password", with("imageUsername", "me")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badDefinitions")
    void badDefinitionFieldIsNamed(String field, TaskDefinition def) {
        ValidationException e = assertThrows(ValidationException.class, def::validate);
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(ErrorType.InvalidRequest, e.type());
        assertEquals(field, assertThrows(ValidationException.class,
                () -> Task.pending(def, "g", "d", 0).validate()).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"preloaded:cflinuxfs4", "docker:///cloudfoundry/grace", "docker://index.io/x#1",
            "preloaded+layer:cflinuxfs4?layer=https://x/y.tgz"})
    void rootfsWithASchemeIsAccepted(String rootfs) {
        assertDoesNotThrow(() -> with("rootfs", rootfs).validate());
    }

    static Stream<Arguments> acceptedEdges() {
        return Stream.of(
                Arguments.of("no cpu_weight ceiling (Diego removed it)", with("cpuWeight", 1000)),
                Arguments.of("annotation of exactly 10 KiB", with("annotation", "a".repeat(10 * 1024))),
                Arguments.of("both image credentials", withBoth()),
                Arguments.of("zero resources", with("memoryMb", 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedEdges")
    void edgesAreAccepted(String what, TaskDefinition def) {
        assertDoesNotThrow(def::validate);
    }

    private static TaskDefinition withBoth() {
        TaskDefinition u = with("imageUsername", "me");
        return new TaskDefinition(u.rootfs(), u.env(), u.action(), u.diskMb(), u.memoryMb(), u.cpuWeight(),
                u.privileged(), u.logSource(), u.logGuid(), u.metricsGuid(), u.resultFile(), u.completionCallbackUrl(),
                u.annotation(), u.legacyDownloadUser(), u.placementTags(), u.maxPids(), "me", "pw");
    }

    static Stream<Arguments> badTasks() {
        return Stream.of(
                Arguments.of("task_guid", task("", "d", OK)),
                Arguments.of("task_guid", task("bad guid!", "d", OK)),
                Arguments.of("task_guid", task("a/b", "d", OK)),
                Arguments.of("domain", task("g", "", OK)),
                Arguments.of("task_definition", task("g", "d", null)));
    }

    static Task task(String guid, String domain, TaskDefinition def) {
        return Task.pending(def, guid, domain, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTasks")
    void badTaskFieldIsNamed(String field, Task t) {
        assertEquals(field, assertThrows(ValidationException.class, t::validate).field());
    }
}
