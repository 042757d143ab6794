package org.diego.core.json;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.diego.core.messages.ClaimActualLrpRequest;
import org.diego.core.messages.CrashActualLrpRequest;
import org.diego.core.messages.LifecycleResponse;
import org.diego.core.model.Action;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.CellPresence;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.DiegoError;
import org.diego.core.model.DiegoException;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.ErrorType;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.ModificationTag;
import org.diego.core.model.NetInfo;
import org.diego.core.model.PortMapping;
import org.diego.core.model.Presence;
import org.diego.core.model.RunAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON codec: Diego's snake_case wire names, tolerant of unknown fields, strict about types. */
class JsonTest {

    static final DesiredLrp DESIRED = DesiredLrp.builder().processGuid("web-app_1").domain("cf-apps")
            .rootfs("preloaded:cflinuxfs4").instances(3).memoryMb(512).diskMb(1024).maxPids(1024)
            .env(List.of(new EnvironmentVariable("PORT", "8080")))
            .action(new Action(new RunAction("/home/vcap/app/start", List.of("-p", "8080"), "/home/vcap",
                    List.of(new EnvironmentVariable("LANG", "C")), "vcap")))
            .startTimeoutMs(60_000L).ports(List.of(8080, 2222)).placementTags(List.of("isolated", "gpu"))
            .annotation("etag=x").modificationTag(new ModificationTag("ep", 4)).build();

    static final ActualLrp RUNNING = new ActualLrp("web-app_1", 2, "cf-apps", "ig-1", "cell-1", "10.0.0.3",
            List.of(new PortMapping(8080, 61000)), "172.16.1.2", 1, "exit 1", ActualLrpState.RUNNING, "",
            1_700_000_000_000_000_000L, new ModificationTag("ep", 3), Presence.ORDINARY);

    static DiegoException invalid(String json, Class<?> type) {
        DiegoException e = assertThrows(DiegoException.class, () -> Json.read(json, type));
        assertEquals(ErrorType.InvalidJSON, e.type(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Invalid JSON"), e.getMessage());
        return e;
    }

    /** Every JSON object key in a document (cheap and good enough for generated JSON). */
    static Set<String> keys(String json) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\"([^\"]+)\":").matcher(json);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    // ---- wire names and round trips ------------------------------------------------------------------

    @Test
    void desiredLrpUsesDiegosSnakeCaseNamesAndRoundTrips() {
        String json = Json.write(DESIRED);
        assertEquals(Set.of("process_guid", "domain", "rootfs", "instances", "memory_mb", "disk_mb", "max_pids",
                        "env", "name", "value", "action", "run", "path", "args", "dir", "user", "suppress_log_output",
                        "volume_mounted_files", "start_timeout_ms", "ports", "placement_tags", "annotation",
                        "modification_tag", "epoch", "index", "cpu_weight", "privileged", "routes", "egress_rules",
                        "cached_dependencies", "volume_mounts", "image_layers", "metric_tags", "sidecars",
                        "update_strategy"),
                keys(json), json);
        assertTrue(json.contains("\"memory_mb\":512"), json);
        assertTrue(json.contains("\"modification_tag\":{\"epoch\":\"ep\",\"index\":4}"), json);
        assertEquals(DESIRED, Json.read(json, DesiredLrp.class));
    }

    @Test
    void actualLrpFlattensKeyInstanceKeyAndNetInfoLikeDiego() {
        String json = Json.write(RUNNING);
        assertEquals(Set.of("process_guid", "index", "domain", "instance_guid", "cell_id", "address", "ports",
                        "container_port", "host_port", "container_tls_proxy_port", "host_tls_proxy_port",
                        "instance_address", "preferred_address", "instance_ipv6_address", "crash_count", "crash_reason",
                        "state", "placement_error", "since", "modification_tag", "epoch", "presence",
                        "actual_lrp_internal_routes", "metric_tags", "availability_zone"),
                keys(json), "an unset routable is left out: " + json);
        assertTrue(json.contains("\"state\":\"RUNNING\""), json);
        assertTrue(json.contains("\"presence\":\"ORDINARY\""), json);
        assertTrue(json.contains("\"since\":1700000000000000000"), "nanos survive as a JSON integer: " + json);
        assertEquals(RUNNING, Json.read(json, ActualLrp.class));
    }

    @Test
    void instanceKeyIsOnlyGuidAndCell() {
        String json = Json.write(new ClaimActualLrpRequest("web-app_1", 0, new InstanceKey("ig", "cell-1")));
        assertEquals("{\"process_guid\":\"web-app_1\",\"index\":0,"
                + "\"actual_lrp_instance_key\":{\"instance_guid\":\"ig\",\"cell_id\":\"cell-1\"}}", json,
                "helpers such as isEmpty() must not leak onto the wire");
    }

    @Test
    void readsHandWrittenDiegoStyleJson() {
        String body = """
                {"actual_lrp_key": {"process_guid": "p-1", "index": 4, "domain": "cf-apps"},
                 "actual_lrp_instance_key": {"instance_guid": "ig-9", "cell_id": "cell_z1-0"},
                 "error_message": "Exited with status 137"}
                """;
        CrashActualLrpRequest req = Json.read(body, CrashActualLrpRequest.class);
        assertEquals(new CrashActualLrpRequest(new ActualLrpKey("p-1", 4, "cf-apps"),
                new InstanceKey("ig-9", "cell_z1-0"), "Exited with status 137"), req);
    }

    @Test
    void cellPresenceRoundTripsWithItsNestedNames() {
        CellPresence cell = new CellPresence("cell-1", "http://10.0.0.1:1800", "z1",
                new CellPresence.CellCapacity(8192, 32768, 250),
                List.of(new CellPresence.RootfsProvider("preloaded", List.of("cflinuxfs4")),
                        new CellPresence.RootfsProvider("docker", null)),
                List.of("a"), List.of("b"), "https://cell-1:1801");
        String json = Json.write(cell);
        assertTrue(keys(json).containsAll(Set.of("cell_id", "rep_address", "zone", "capacity", "memory_mb", "disk_mb",
                "containers", "rootfs_provider_list", "name", "properties", "placement_tags", "optional_placement_tags",
                "rep_url")), json);
        assertEquals(cell, Json.read(json, CellPresence.class));
    }

    @Test
    void errorsTravelAsTypeNameAndMessage() {
        String json = Json.write(new LifecycleResponse(new DiegoError(ErrorType.ActualLRPCannotBeClaimed, "no")));
        assertEquals("{\"error\":{\"type\":\"ActualLRPCannotBeClaimed\",\"message\":\"no\"}}", json);
        assertEquals(ErrorType.ActualLRPCannotBeClaimed, Json.read(json, LifecycleResponse.class).error().type());
    }

    // ---- tolerance --------------------------------------------------------------------------------------

    @Test
    void unknownFieldsAreIgnoredAtEveryLevel() {
        String body = """
                {"process_guid": "p", "future_field": {"deep": [1, 2, {"x": null}]},
                 "action": {"run": {"path": "/bin/sh", "resource_limits": {"nofile": 1024}}, "timeout": null},
                 "routes": {"cf-router": [{"hostnames": ["a.example.com"], "port": 8080}]},
                 "instances": 2}
                """;
        DesiredLrp lrp = Json.read(body, DesiredLrp.class);
        assertEquals("p", lrp.processGuid());
        assertEquals(2, lrp.instances());
        assertEquals("/bin/sh", lrp.action().run().path());
    }

    @Test
    void absentFieldsTakeTheirZeroValue() {
        // Diego clients omit zero values; every numeric field must default to 0 rather than be an error.
        DesiredLrp lrp = Json.read("{\"process_guid\":\"p\",\"domain\":\"d\"}", DesiredLrp.class);
        assertAll(
                () -> assertEquals(0, lrp.instances()),
                () -> assertEquals(0, lrp.memoryMb()),
                () -> assertEquals(0, lrp.startTimeoutMs()),
                () -> assertEquals(List.of(), lrp.ports()),
                () -> assertEquals(null, lrp.action()));
        assertEquals(new ActualLrpKey("p", 0, ""), Json.read("{\"process_guid\":\"p\",\"domain\":\"\"}",
                ActualLrpKey.class));
        assertEquals(0, Json.read("{}", ClaimActualLrpRequest.class).index());
    }

    @Test
    void explicitNullForANumberIsItsZeroValueAsInGo() {
        assertEquals(0, Json.read("{\"instances\":null}", DesiredLrp.class).instances());
    }

    // ---- refusals -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"\"three\"", "\"3\"", "true", "{}", "[3]", "1.5", "3.0", "99999999999"})
    void aWronglyTypedInstancesIsInvalidJsonNamingTheField(String value) {
        DiegoException e = invalid("{\"process_guid\":\"p\",\"instances\":" + value + "}", DesiredLrp.class);
        assertTrue(e.getMessage().contains("in field instances"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "true", "1.5", "{}", "[\"a\"]"})
    void aNonStringProcessGuidIsInvalidJson(String value) {
        DiegoException e = invalid("{\"process_guid\":" + value + "}", DesiredLrp.class);
        assertTrue(e.getMessage().contains("process_guid"), e.getMessage());
    }

    @Test
    void nestedFieldsAreNamedByTheirPath() {
        DiegoException port = invalid("{\"ports\":[8080,\"x\"]}", DesiredLrp.class);
        assertTrue(port.getMessage().contains("in field ports[1]"), port.getMessage());
        DiegoException args = invalid("{\"action\":{\"run\":{\"path\":\"/x\",\"args\":5}}}", DesiredLrp.class);
        assertTrue(args.getMessage().contains("in field action.run.args"), args.getMessage());
        DiegoException cap = invalid("{\"cell_id\":\"c\",\"capacity\":{\"memory_mb\":\"lots\"}}", CellPresence.class);
        assertTrue(cap.getMessage().contains("in field capacity.memory_mb"), cap.getMessage());
        DiegoException env = invalid("{\"env\":[{\"name\":\"A\"},{\"name\":[]}]}", DesiredLrp.class);
        assertTrue(env.getMessage().contains("in field env[1].name"), env.getMessage());
    }

    @Test
    void enumsTravelByNameOnly() {
        invalid("{\"state\":\"SLEEPING\"}", ActualLrp.class);
        // Ordinals would not even match Diego's numeric error codes (InvalidJSON is 7 there).
        DiegoException e = invalid("{\"error\":{\"type\":7,\"message\":\"m\"}}", LifecycleResponse.class);
        assertTrue(e.getMessage().contains("error.type"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"process_guid\":",
            "{\"process_guid\":\"p\"",
            "{process_guid:\"p\"}",
            "{'process_guid':'p'}",
            "{\"a\":1,}",
            "{\"process_guid\":\"p\" \"domain\":\"d\"}",
            "not json",
            "}",
    })
    void malformedJsonIsInvalidJson(String body) {
        invalid(body, DesiredLrp.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"process_guid\":\"p\"} xx", "{} {}", "{}]", "{\"process_guid\":\"p\"}}", "{} 1"})
    void trailingGarbageIsInvalidJson(String body) {
        DiegoException e = invalid(body, DesiredLrp.class);
        assertFalse(e.getMessage().contains("in field"), "trailing garbage belongs to no field: " + e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\n\t"})
    void anEmptyBodyIsInvalidJson(String body) {
        DiegoException e = invalid(body, DesiredLrp.class);
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[1,2]", "\"str\"", "42", "true"})
    void aDocumentThatIsNotAnObjectIsInvalidJson(String body) {
        invalid(body, DesiredLrp.class);
    }

    // ---- output ----------------------------------------------------------------------------------------

    @Test
    void nullsAreOmittedOnOutput() {
        assertEquals("{}", Json.write(LifecycleResponse.OK));
        DesiredLrp sparse = DesiredLrp.builder().processGuid("p").build();
        String json = Json.write(sparse);
        assertFalse(json.contains("null"), json);
        assertFalse(keys(json).contains("annotation"), json);
        assertFalse(keys(json).contains("modification_tag"), json);
        assertFalse(keys(json).contains("action"), json);
        assertTrue(keys(json).contains("instances"), "zero numbers are still written: " + json);
        assertEquals(sparse, Json.read(json, DesiredLrp.class));

        String run = Json.write(new RunAction("/bin/sh", null, null, null, null));
        assertEquals("{\"path\":\"/bin/sh\",\"args\":[],\"env\":[],\"suppress_log_output\":false,"
                + "\"volume_mounted_files\":[]}", run);
    }

    @Test
    void netInfoRoundTrips() {
        NetInfo net = new NetInfo("1.2.3.4", List.of(new PortMapping(8080, 60001), new PortMapping(2222, 60002)),
                "10.255.0.1");
        assertEquals(net, Json.read(Json.write(net), NetInfo.class));
        assertEquals(NetInfo.EMPTY, Json.read("{}", NetInfo.class), "absent strings and lists are normalised");
    }
}
