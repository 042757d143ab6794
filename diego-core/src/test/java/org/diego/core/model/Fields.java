package org.diego.core.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.diego.core.json.Json;
import org.junit.jupiter.api.function.Executable;

/** Shared assertions and sample data for the model tests. */
final class Fields {
    static final RunAction RUN = new RunAction("/bin/run", List.of(), null, List.of(), "vcap");

    private Fields() {
    }

    /** The check throws an InvalidRequest naming exactly {@code field}. */
    static ValidationException assertInvalid(String field, Executable check) {
        ValidationException e = assertThrows(ValidationException.class, check);
        assertAll(
                () -> assertEquals(field, e.field(), e.getMessage()),
                () -> assertEquals(ErrorType.InvalidRequest, e.type()),
                () -> assertTrue(e.getMessage().contains(field), e.getMessage()));
        return e;
    }

    static Action run() {
        return Action.of(RUN);
    }

    /** A valid LRP with every optional part set, changed by {@code change}. */
    static DesiredLrp lrp(Consumer<DesiredLrpBuilder> change) {
        DesiredLrpBuilder b = full().toBuilder();
        change.accept(b);
        return b.build();
    }

    static DesiredLrp full() {
        return Json.read(FULL_JSON, DesiredLrp.class);
    }

    /** A DesiredLRP in Diego's JSON with every field set (values of our own). */
    static final String FULL_JSON = """
            {
              "process_guid": "web-app-1_v2",
              "domain": "cf-apps",
              "rootfs": "docker:///library/nginx#1.25",
              "instances": 3,
              "env": [{"name": "LANG", "value": "C.UTF-8"}],
              "setup": {"serial": {"actions": [
                  {"download": {"artifact": "droplet", "from": "http://fs/droplet.tgz", "to": "/home/vcap",
                                "cache_key": "droplet-1", "user": "vcap", "checksum_algorithm": "sha256",
                                "checksum_value": "abc123"}},
                  {"try": {"action": {"run": {"path": "/bin/prepare", "user": "vcap"}}}}]}},
              "action": {"codependent": {"actions": [
                  {"run": {"path": "/home/vcap/start", "args": ["--port", "8080"], "dir": "/home/vcap",
                           "env": [{"name": "PORT", "value": "8080"}], "resource_limits": {"nofile": 1024},
                           "user": "vcap", "log_source": "APP", "suppress_log_output": false,
                           "volume_mounted_files": [{"path": "/etc/cert.pem", "content": "pem"}]}},
                  {"emit_progress": {"action": {"timeout": {"action": {"run": {"path": "/bin/sshd", "user": "vcap"}},
                                                            "timeout_ms": 5000}},
                                     "start_message": "starting", "success_message": "ok",
                                     "failure_message_prefix": "failed"}}]}},
              "start_timeout_ms": 60000,
              "monitor": {"parallel": {"actions": [{"run": {"path": "/bin/healthcheck", "user": "vcap"}}]}},
              "disk_mb": 1024,
              "memory_mb": 512,
              "cpu_weight": 250,
              "privileged": true,
              "ports": [8080, 2222],
              "routes": {"cf-router": [{"hostnames": ["app.example.com"], "port": 8080}],
                         "diego-ssh": {"container_port": 2222, "private_key": "key"}},
              "log_source": "CELL",
              "log_guid": "app-guid",
              "metrics_guid": "app-guid",
              "annotation": "etag-1",
              "egress_rules": [
                  {"protocol": "tcp", "destinations": ["10.0.0.0/8", "192.168.1.1-192.168.1.9"], "ports": [443],
                   "log": true, "annotations": ["security_group_id:1"]},
                  {"protocol": "icmp", "destinations": ["0.0.0.0/0"], "icmp_info": {"type": 8, "code": 0}},
                  {"protocol": "udp", "destinations": ["::1"], "port_range": {"start": 53, "end": 54}},
                  {"protocol": "all", "destinations": ["1.1.1.1,2.2.2.2"]}],
              "modification_tag": {"epoch": "ep-1", "index": 7},
              "cached_dependencies": [{"name": "buildpack", "from": "http://fs/bp.zip", "to": "/tmp/bp",
                                       "cache_key": "bp", "log_source": "STG"}],
              "legacy_download_user": "vcap",
              "trusted_system_certificates_path": "/etc/cf-system-certificates",
              "volume_mounts": [{"driver": "nfsdriver", "container_dir": "/data", "mode": "rw",
                                 "shared": {"volume_id": "vol-1", "mount_config": "{}"}}],
              "network": {"properties": {"policy_group_id": "app-guid"}},
              "placement_tags": ["isolated"],
              "max_pids": 1024,
              "certificate_properties": {"organizational_unit": ["app:app-guid"]},
              "image_username": "user",
              "image_password": "secret",
              "check_definition": {"checks": [{"http_check": {"port": 8080, "request_timeout_ms": 1000,
                                                              "path": "/health", "interval_ms": 500}}],
                                   "log_source": "HEALTH",
                                   "readiness_checks": [{"tcp_check": {"port": 8080, "connect_timeout_ms": 100}}]},
              "image_layers": [
                  {"name": "jdk", "url": "http://fs/jdk.tgz", "destination_path": "/jdk", "layer_type": "SHARED",
                   "media_type": "TGZ", "digest_algorithm": "SHA256", "digest_value": "d1"},
                  {"name": "app", "url": "http://fs/app.tgz", "destination_path": "/app",
                   "layer_type": "EXCLUSIVE", "media_type": "TGZ", "digest_algorithm": "SHA256",
                   "digest_value": "d2"}],
              "metric_tags": {"source_id": {"static": "app-guid"}, "index": {"dynamic": "INDEX"}},
              "sidecars": [{"action": {"run": {"path": "/bin/envoy", "user": "vcap"}}, "disk_mb": 10,
                            "memory_mb": 32}],
              "log_rate_limit": {"bytes_per_second": 4096},
              "volume_mounted_files": [{"path": "/etc/app.conf", "content": "x=1"}],
              "update_strategy": 1
            }
            """;
}
