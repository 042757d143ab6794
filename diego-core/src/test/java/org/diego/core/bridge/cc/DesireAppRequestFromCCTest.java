package org.diego.core.bridge.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.ErrorType;
import org.diego.core.model.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CC's desire message: every field under CC's JSON name, and validation that names the bad field. */
class DesireAppRequestFromCCTest {
    static final String FULL = """
            {"process_guid": "app-1-v1", "droplet_uri": "http://cc/droplet", "droplet_hash": "abc",
             "docker_image": "", "docker_login_server": "reg", "docker_user": "u", "docker_password": "p",
             "docker_email": "e@x", "stack": "cflinuxfs4", "start_command": "./run", "execution_metadata": "{}",
             "environment": [{"name": "A", "value": "1"}], "memory_mb": 256, "disk_mb": 1024,
             "file_descriptors": 2048, "num_instances": 3,
             "routing_info": {"http_routes": [{"hostname": "a.example.com", "port": 8081, "route_service_url": "https://rs"}],
                              "tcp_routes": [{"router_group_guid": "rg", "external_port": 61000, "container_port": 8081}]},
             "allow_ssh": true, "log_guid": "app-1", "health_check_type": "http",
             "health_check_http_endpoint": "/health", "health_check_timeout_in_seconds": 60,
             "egress_rules": [{"protocol": "tcp", "destinations": ["10.0.0.0/8"], "ports": [80]}],
             "etag": "1.5", "ports": [8081, 9000], "log_source": "APP/PROC/WEB",
             "network": {"properties": {"policy_group_id": "g"}},
             "volume_mounts": [{"driver": "nfs", "container_dir": "/data", "mode": "rw", "device_type": "shared",
                                "device": {"volume_id": "v1", "mount_config": {"uid": "1000"}}}],
             "isolation_segment": "seg", "some_future_field": 1}
            """;

    static DesireAppRequestFromCC valid() {
        return DesireAppRequestFromCC.builder().processGuid("p-1").dropletUri("http://cc/d").stack("cflinuxfs4")
                .numInstances(1).memoryMb(128).diskMb(256).build();
    }

    @Test
    void everyFieldReadsUnderCcsName() {
        DesireAppRequestFromCC r = Json.read(FULL, DesireAppRequestFromCC.class);
        assertEquals("app-1-v1", r.processGuid());
        assertEquals("http://cc/droplet", r.dropletUri());
        assertEquals("abc", r.dropletHash());
        assertEquals("", r.dockerImage());
        assertEquals("reg", r.dockerLoginServer());
        assertEquals("u", r.dockerUser());
        assertEquals("p", r.dockerPassword());
        assertEquals("e@x", r.dockerEmail());
        assertEquals("cflinuxfs4", r.stack());
        assertEquals("./run", r.startCommand());
        assertEquals("{}", r.executionMetadata());
        assertEquals(List.of(new EnvironmentVariable("A", "1")), r.environment());
        assertEquals(256, r.memoryMb());
        assertEquals(1024, r.diskMb());
        assertEquals(2048, r.fileDescriptors());
        assertEquals(3, r.numInstances());
        assertEquals(List.of(new CcHttpRoute("a.example.com", "https://rs", 8081)), r.routingInfo().httpRoutes());
        assertEquals(List.of(new CcTcpRoute("rg", 61000, 8081)), r.routingInfo().tcpRoutes());
        assertTrue(r.allowSsh());
        assertEquals("app-1", r.logGuid());
        assertEquals("http", r.healthCheckType());
        assertEquals("/health", r.healthCheckHttpEndpoint());
        assertEquals(60, r.healthCheckTimeoutInSeconds());
        assertEquals("tcp", r.egressRules().get(0).protocol());
        assertEquals("1.5", r.etag());
        assertEquals(List.of(8081, 9000), r.ports());
        assertEquals("APP/PROC/WEB", r.logSource());
        assertEquals("g", r.network().properties().get("policy_group_id"));
        CcVolumeMount m = r.volumeMounts().get(0);
        assertEquals("nfs", m.driver());
        assertEquals("/data", m.containerDir());
        assertEquals("rw", m.mode());
        assertEquals("shared", m.deviceType());
        assertEquals("v1", m.device().volumeId());
        assertEquals("1000", m.device().mountConfig().get("uid"));
        assertEquals("seg", r.isolationSegment());
        r.validate();
    }

    @Test
    void writesCcsNamesAndRoundTrips() {
        DesireAppRequestFromCC r = Json.read(FULL, DesireAppRequestFromCC.class);
        String json = Json.write(r);
        assertTrue(json.contains("\"health_check_timeout_in_seconds\":60"), json);
        assertTrue(json.contains("\"num_instances\":3"), json);
        assertTrue(json.contains("\"routing_info\":{\"http_routes\""), json);
        assertEquals(r, Json.read(json, DesireAppRequestFromCC.class));
    }

    @Test
    void absentFieldsTakeTheirEmptyValues() {
        DesireAppRequestFromCC r = Json.read("{\"process_guid\": \"p\", \"droplet_uri\": \"http://d\"}",
                DesireAppRequestFromCC.class);
        assertEquals(List.of(), r.environment());
        assertEquals("", r.healthCheckType());
        assertNull(r.ports());
        assertNull(r.routingInfo().httpRoutes());
        assertFalse(r.docker());
    }

    @Test
    void aWronglyTypedFieldIsInvalidJsonNamingIt() {
        DiegoException e = assertThrows(DiegoException.class,
                () -> Json.read("{\"process_guid\": \"p\", \"num_instances\": \"3\"}", DesireAppRequestFromCC.class));
        assertEquals(ErrorType.InvalidJSON, e.type());
        assertTrue(e.getMessage().contains("num_instances"), e.getMessage());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad("process_guid", b -> b.processGuid("")),
                bad("process_guid", b -> b.processGuid("has space")),
                bad("droplet_uri", b -> b.dropletUri("")),
                bad("docker_image", b -> b.dockerImage("busybox")),
                bad("memory_mb", b -> b.memoryMb(-1)),
                bad("disk_mb", b -> b.diskMb(-1)),
                bad("file_descriptors", b -> b.fileDescriptors(-1)),
                bad("num_instances", b -> b.numInstances(-1)),
                bad("health_check_timeout_in_seconds", b -> b.healthCheckTimeoutInSeconds(-5)),
                bad("health_check_type", b -> b.healthCheckType("tcp")),
                bad("health_check_http_endpoint", b -> b.healthCheckType("http").healthCheckHttpEndpoint("health")),
                bad("environment[0].name", b -> b.environment(List.of(new EnvironmentVariable("", "x")))),
                bad("ports[1]", b -> b.ports(List.of(8080, 70000))),
                bad("etag", b -> b.etag("x".repeat(10 * 1024 + 1))),
                bad("routing_info.http_routes", b -> b.routingInfo(new RoutingInfo(java.util.Map.of(
                        "http_routes", Json.readTree("{\"hostname\": \"x\"}"))))),
                bad("routing_info.tcp_routes", b -> b.routingInfo(new RoutingInfo(java.util.Map.of(
                        "tcp_routes", Json.readTree("[{\"external_port\": \"x\"}]"))))),
                bad("volume_mounts[0].driver", b -> b.volumeMounts(List.of(
                        new CcVolumeMount("", "/d", "r", "shared", null)))));
    }

    static Arguments bad(String field, UnaryOperator<DesireAppRequestFromCC.Builder> change) {
        return Arguments.of(field, change);
    }

    static DesireAppRequestFromCC.Builder base() {
        return DesireAppRequestFromCC.builder().processGuid("p-1").dropletUri("http://cc/d").stack("cflinuxfs4")
                .numInstances(1).memoryMb(128).diskMb(256);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void badInputNamesTheField(String field, UnaryOperator<DesireAppRequestFromCC.Builder> change) {
        ValidationException e = assertThrows(ValidationException.class, () -> change.apply(base()).build().validate());
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void dockerAloneIsValidAndEveryHealthCheckTypeIsKnown() {
        DesireAppRequestFromCC.builder().processGuid("p").dockerImage("busybox").build().validate();
        for (String type : List.of("", "port", "http", "process", "none")) {
            base().healthCheckType(type).build().validate();
        }
    }
}
