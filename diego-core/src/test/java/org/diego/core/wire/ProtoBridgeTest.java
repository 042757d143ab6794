package org.diego.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.core.wire.proto.ActualLrpProto.ActualLRP;
import org.diego.core.wire.proto.DesiredLrpProto.DesiredLRP;
import org.diego.core.wire.proto.DesiredLrpProto.DesiredLRPSchedulingInfo;
import org.diego.core.wire.proto.EventsProto.ActualLRPInstanceChangedEvent;
import org.diego.core.wire.proto.TaskProto.Task;
import org.junit.jupiter.api.Test;

/** JSON to protobuf and back through the descriptors only, for representative Diego messages. */
class ProtoBridgeTest {

    static final String DESIRED_LRP = """
            {"process_guid": "app-1", "domain": "cf-apps", "rootfs": "preloaded:cflinuxfs4", "instances": 3,
             "env": [{"name": "PORT", "value": "8080"}],
             "setup": {"serial": {"actions": [
                 {"download": {"artifact": "droplet", "from": "http://fs/droplet.tgz", "to": "/home/vcap",
                               "cache_key": "droplets-app-1", "user": "vcap", "checksum_algorithm": "sha256",
                               "checksum_value": "abc"}},
                 {"try": {"action": {"run": {"path": "/bin/true", "user": "vcap"}}}}]}},
             "action": {"codependent": {"actions": [
                 {"run": {"path": "/tmp/lifecycle/launcher", "args": ["app", "", "{}"], "dir": "/home/vcap",
                          "env": [{"name": "VCAP_APPLICATION", "value": "{}"}],
                          "resource_limits": {"nofile": 0}, "user": "vcap", "log_source": "APP",
                          "suppress_log_output": true, "volume_mounted_files": [{"path": "/etc/cf", "content": "x"}]}},
                 {"timeout": {"timeout_ms": 60000, "action": {"emit_progress": {"start_message": "starting",
                              "success_message": "ok", "failure_message_prefix": "failed",
                              "action": {"parallel": {"actions": [{"upload": {"from": "/a", "to": "http://b"}}]}}}}}}]}},
             "monitor": {"run": {"path": "/tmp/lifecycle/healthcheck", "args": ["-port=8080"]}},
             "start_timeout_ms": 60000, "disk_mb": 1024, "memory_mb": 256, "cpu_weight": 10, "privileged": true,
             "ports": [8080, 2222],
             "routes": {"cf-router": [{"hostnames": ["app.example.com"], "port": 8080}],
                        "diego-ssh": {"container_port": 2222, "private_key": "k"}},
             "log_guid": "log-1", "log_source": "CELL", "annotation": "etag-1",
             "egress_rules": [{"protocol": "tcp", "destinations": ["0.0.0.0/0"], "ports": [80, 443],
                               "port_range": {"start": 1, "end": 65535}, "icmp_info": {"type": 8, "code": 3},
                               "log": true, "annotations": ["sg-1"]}],
             "modification_tag": {"epoch": "e-1", "index": 4294967295},
             "cached_dependencies": [{"name": "lifecycle", "from": "http://fs/l.tgz", "to": "/tmp/lifecycle",
                                      "cache_key": "l"}],
             "trusted_system_certificates_path": "/etc/cf-system-certificates",
             "volume_mounts": [{"driver": "nfs", "container_dir": "/data", "mode": "rw",
                                "shared": {"volume_id": "v-1", "mount_config": "{}"}}],
             "network": {"properties": {"policy_group_id": "app-1"}},
             "placement_tags": ["blue"], "max_pids": 1024,
             "certificate_properties": {"organizational_unit": ["app:app-1"]},
             "image_username": "u", "image_password": "p",
             "check_definition": {"checks": [{"http_check": {"port": 8080, "request_timeout_ms": 1000, "path": "/health",
                                                             "interval_ms": 30000}}],
                                  "readiness_checks": [{"tcp_check": {"port": 8080, "connect_timeout_ms": 1000}}],
                                  "log_source": "HEALTH"},
             "image_layers": [{"name": "base", "url": "http://fs/base.tgz", "destination_path": "/",
                               "layer_type": "SHARED", "media_type": "TGZ", "digest_algorithm": "SHA256",
                               "digest_value": "d"}],
             "metric_tags": {"source_id": {"static": "app-1"}, "instance_id": {"dynamic": "INDEX"}},
             "sidecars": [{"action": {"run": {"path": "/sidecar"}}, "disk_mb": 10, "memory_mb": 20}],
             "log_rate_limit": {"bytes_per_second": -1},
             "update_strategy": "RECREATE"}
            """;

    static final String ACTUAL_LRP = """
            {"process_guid": "app-1", "index": 2, "domain": "cf-apps",
             "instance_guid": "ig-1", "cell_id": "cell-z1-0",
             "address": "10.0.0.5", "ports": [{"container_port": 8080, "host_port": 61000,
                                               "container_tls_proxy_port": 61001, "host_tls_proxy_port": 61002}],
             "instance_address": "10.255.0.9", "preferred_address": "HOST",
             "crash_count": 1, "crash_reason": "boom", "state": "RUNNING", "since": 1767225600123456789,
             "modification_tag": {"epoch": "e-1", "index": 7}, "presence": "EVACUATING",
             "actual_lrp_internal_routes": [{"hostname": "app.apps.internal"}],
             "metric_tags": {"app_name": "hello"}, "routable": false, "availability_zone": "z1"}
            """;

    static final String TASK = """
            {"rootfs": "preloaded:cflinuxfs4", "env": [{"name": "A", "value": "1"}],
             "action": {"run": {"path": "/bin/sh", "args": ["-c", "echo hi > /tmp/result"]}},
             "disk_mb": 100, "memory_mb": 64, "result_file": "/tmp/result",
             "completion_callback_url": "http://cc/callback", "placement_tags": ["red"],
             "task_guid": "t-1", "domain": "cf-tasks", "created_at": 1767225600000000000,
             "state": "Completed", "cell_id": "cell-1", "result": "hi", "failed": true,
             "failure_reason": "exit 1", "rejection_count": 2, "rejection_reason": "full"}
            """;

    static final String INSTANCE_CHANGED = """
            {"process_guid": "app-1", "index": 1, "domain": "cf-apps", "instance_guid": "ig-1", "cell_id": "cell-1",
             "before": {"state": "CLAIMED", "since": 1, "modification_tag": {"epoch": "e", "index": 1}},
             "after": {"address": "10.0.0.5", "ports": [{"container_port": 8080, "host_port": 61000}],
                       "state": "RUNNING", "since": 2, "modification_tag": {"epoch": "e", "index": 2},
                       "routable": true},
             "trace_id": "t-9"}
            """;

    /** JSON → message → bytes → message → JSON gives the document back. */
    static JsonNode roundTrip(String json, String messageName) throws Exception {
        Descriptor type = Schema.message(messageName);
        JsonNode in = Json.readTree(json);
        byte[] bytes = ProtoBridge.toProto(in, type).toByteArray();
        assertArrayEquals(bytes, ProtoBridge.encode(in, type), "the direct writer and the message agree");
        Message parsed = DynamicMessage.parseFrom(type, bytes);
        assertEquals(in, ProtoBridge.toJson(parsed), messageName);
        return in;
    }

    @Test
    void desiredLrpWithAnActionTreeRoundTrips() throws Exception {
        roundTrip(DESIRED_LRP, "DesiredLRP");
    }

    @Test
    void actualLrpRoundTripsWithFlattenedKeysAndNetInfo() throws Exception {
        roundTrip(ACTUAL_LRP, "ActualLRP");
    }

    @Test
    void taskRoundTripsWithItsDefinitionFlattened() throws Exception {
        roundTrip(TASK, "Task");
    }

    @Test
    void eventsRoundTrip() throws Exception {
        roundTrip(INSTANCE_CHANGED, "ActualLRPInstanceChangedEvent");
        roundTrip("{\"process_guid\": \"p\", \"index\": 1, \"domain\": \"d\", \"instance_guid\": \"i\","
                + " \"cell_id\": \"c\", \"crash_count\": 3, \"crash_reason\": \"oom\", \"since\": 5}",
                "ActualLRPCrashedEvent");
        roundTrip("{\"desired_lrp\": " + DESIRED_LRP + ", \"trace_id\": \"t\"}", "DesiredLRPCreatedEvent");
        roundTrip("{\"actual_lrp\": " + ACTUAL_LRP + "}", "ActualLRPInstanceRemovedEvent");
        roundTrip("{\"before\": " + TASK + ", \"after\": " + TASK + "}", "TaskChangedEvent");
    }

    @Test
    void generatedClassesSeeDiegosLayout() throws Exception {
        DesiredLRP desired = DesiredLRP.parseFrom(bytes(DESIRED_LRP, "DesiredLRP"));
        assertEquals("preloaded:cflinuxfs4", desired.getRootFs());
        assertEquals("PORT", desired.getEnvironmentVariables(0).getName());
        assertEquals("/tmp/lifecycle/launcher",
                desired.getAction().getCodependentAction().getActions(0).getRunAction().getPath());
        assertTrue(desired.getAction().getCodependentAction().getActions(0).getRunAction().getResourceLimits()
                .hasNofile(), "an explicit zero nofile stays present");
        assertEquals(60000, desired.getAction().getCodependentAction().getActions(1).getTimeoutAction().getTimeoutMs());
        assertEquals(Json.readTree("[{\"hostnames\":[\"app.example.com\"],\"port\":8080}]"),
                Json.readTree(desired.getRoutes().getRoutesMap().get("cf-router").toStringUtf8()));
        assertEquals(-1, desired.getModificationTag().getIndex(), "uint32 4294967295 has all bits set");
        assertEquals(DesiredLRP.UpdateStrategy.RECREATE, desired.getUpdateStrategy());
        assertEquals(8080, desired.getPorts(0));

        ActualLRP actual = ActualLRP.parseFrom(bytes(ACTUAL_LRP, "ActualLRP"));
        assertEquals("app-1", actual.getActualLrpKey().getProcessGuid());
        assertEquals(2, actual.getActualLrpKey().getIndex());
        assertEquals("cell-z1-0", actual.getActualLrpInstanceKey().getCellId());
        assertEquals(61000, actual.getActualLrpNetInfo().getPorts(0).getHostPort());
        assertEquals(ActualLRP.Presence.EVACUATING, actual.getPresence());
        assertEquals(1767225600123456789L, actual.getSince());
        assertTrue(actual.hasRoutable());
        assertFalse(actual.getRoutable());

        Task task = Task.parseFrom(bytes(TASK, "Task"));
        assertEquals(Task.State.Completed, task.getState());
        assertEquals("/tmp/result", task.getTaskDefinition().getResultFile());

        ActualLRPInstanceChangedEvent changed = ActualLRPInstanceChangedEvent.parseFrom(
                bytes(INSTANCE_CHANGED, "ActualLRPInstanceChangedEvent"));
        assertEquals("10.0.0.5", changed.getAfter().getActualLrpNetInfo().getAddress());
        assertFalse(changed.getBefore().hasRoutable());
        assertTrue(changed.getAfter().getRoutable());
    }

    @Test
    void schedulingInfoFlattensKeyResourceAndTag() throws Exception {
        String json = "{\"process_guid\": \"p\", \"domain\": \"d\", \"log_guid\": \"l\", \"instances\": 2,"
                + " \"memory_mb\": 128, \"disk_mb\": 256, \"rootfs\": \"docker:///busybox\", \"max_pids\": 10,"
                + " \"routes\": {\"cf-router\": []}, \"epoch\": \"e\", \"index\": 3,"
                + " \"volume_placement\": {\"driver_names\": [\"nfs\"]}, \"placement_tags\": [\"a\"]}";
        roundTrip(json, "DesiredLRPSchedulingInfo");
        DesiredLRPSchedulingInfo info = DesiredLRPSchedulingInfo.parseFrom(bytes(json, "DesiredLRPSchedulingInfo"));
        assertEquals("docker:///busybox", info.getDesiredLrpResource().getRootFs());
        assertEquals(3, info.getModificationTag().getIndex());
        assertEquals("a", info.getPlacementTags(0));
    }

    @Test
    void zeroValuesAreWrittenOnlyWhenAsked() {
        Message empty = DynamicMessage.getDefaultInstance(Schema.message("ActualLRPsRequest"));
        assertEquals(Json.readTree("{}"), ProtoBridge.toJson(empty));
        assertEquals(Json.readTree("{\"domain\": \"\", \"cell_id\": \"\", \"process_guid\": \"\"}"),
                ProtoBridge.toJson(empty, true), "the optional index stays absent");
        Message lrp = DynamicMessage.getDefaultInstance(Schema.message("ActualLRP"));
        JsonNode zeros = ProtoBridge.toJson(lrp, true);
        assertEquals(Json.readTree("[]"), zeros.get("ports"));
        assertEquals(Json.readTree("{}"), zeros.get("metric_tags"));
        assertEquals("ORDINARY", zeros.get("presence").textValue());
        assertEquals(0, zeros.get("index").intValue());
        assertTrue(zeros.get("modification_tag") == null && zeros.get("routable") == null,
                "unset messages and oneof members stay absent");
        Message index0 = ProtoBridge.toProto(Json.readTree("{\"index\": 0}"), Schema.message("ActualLRPsRequest"));
        assertEquals(Json.readTree("{\"index\": 0}"), ProtoBridge.toJson(index0));
    }

    @Test
    void theDirectWriterHandlesEveryScalarShape() throws Exception {
        // Negative int32 (ten-byte varint), empty map key and zero map value, packed-less repeated uint32.
        roundTrip("{\"type\": -3, \"code\": 2147483647}", "ICMPInfo");
        roundTrip("{\"properties\": {\"\": \"\", \"a\": \"b\"}}", "Network");
        roundTrip("{\"protocol\": \"icmp\", \"ports\": [1, 4294967295]}", "SecurityGroupRule");
        roundTrip("{\"metric_tags\": {\"x\": {}}, \"instances\": 0, \"annotation\": \"\"}", "DesiredLRPUpdate");
        roundTrip("{\"process_guid\": \"p\", \"routes\": {}}", "DesiredLRP");
    }

    @Test
    void unknownKeysAndNullsAreIgnored() {
        Message m = ProtoBridge.toProto(Json.readTree("{\"domain\": \"cf\", \"ttl\": 5, \"color\": \"red\","
                + " \"nested\": {\"x\": 1}}"), Schema.message("UpsertDomainRequest"));
        assertEquals(Json.readTree("{\"domain\": \"cf\", \"ttl\": 5}"), ProtoBridge.toJson(m));
        Message nulls = ProtoBridge.toProto(Json.readTree("{\"domain\": null}"), Schema.message("UpsertDomainRequest"));
        assertEquals(0, nulls.getSerializedSize());
    }

    @Test
    void unsigned64BitValuesBeyondLongStayNumbers() throws Exception {
        roundTrip("{\"nofile\": 18446744073709551615, \"nproc\": 1}", "ResourceLimits");
    }

    @Test
    void wronglyTypedJsonIsInvalidJsonNamingTheField() {
        DiegoException e = assertThrows(DiegoException.class, () -> ProtoBridge.toProto(
                Json.readTree("{\"action\": {\"serial\": {\"actions\": [{\"run\": {\"path\": 5}}]}}}"),
                Schema.message("DesiredLRP")));
        assertEquals(ErrorType.InvalidJSON, e.type());
        assertTrue(e.getMessage().contains("action.serial.actions[0].run.path"), e.getMessage());

        assertEquals(ErrorType.InvalidJSON, assertThrows(DiegoException.class, () -> ProtoBridge.toProto(
                Json.readTree("{\"presence\": \"NOWHERE\"}"), Schema.message("ActualLRP"))).type());
        assertEquals(ErrorType.InvalidJSON, assertThrows(DiegoException.class, () -> ProtoBridge.toProto(
                Json.readTree("{\"ttl\": -1}"), Schema.message("UpsertDomainRequest"))).type());
        assertEquals(ErrorType.InvalidJSON, assertThrows(DiegoException.class, () -> ProtoBridge.toProto(
                Json.readTree("{\"index\": \"3\"}"), Schema.message("ActualLRPKey"))).type());
    }

    @Test
    void messagesThatAreNotJsonOrHaveUnknownEnumsAreInvalidProtobuf() throws Exception {
        // Routes whose value is not JSON text.
        Message routes = DesiredLRP.newBuilder().setProcessGuid("p")
                .setRoutes(org.diego.core.wire.proto.DesiredLrpProto.ProtoRoutes.newBuilder()
                        .putRoutes("cf-router", com.google.protobuf.ByteString.copyFromUtf8("not json")))
                .build();
        assertEquals(ErrorType.InvalidProtobufMessage,
                assertThrows(DiegoException.class, () -> ProtoBridge.toJson(routes)).type());
        // Presence 9 does not exist.
        Message unknown = DynamicMessage.parseFrom(Schema.message("ActualLRP"), new byte[] {0x50, 0x09});
        assertEquals(ErrorType.InvalidProtobufMessage,
                assertThrows(DiegoException.class, () -> ProtoBridge.toJson(unknown)).type());
    }

    @Test
    void everyResponseThatCanFailCarriesTheErrorAsFieldOne() {
        for (Descriptor d : Schema.messages()) {
            if (!d.getName().endsWith("Response") || d.getName().equals("PingResponse")
                    || d.getName().equals("TaskCallbackResponse")) {
                continue;
            }
            assertEquals("models.Error", d.findFieldByNumber(1).getMessageType().getFullName(), d.getName());
            assertEquals("error", d.findFieldByNumber(1).getName(), d.getName());
        }
    }

    static byte[] bytes(String json, String message) {
        return ProtoBridge.toProto(Json.readTree(json), Schema.message(message)).toByteArray();
    }
}
