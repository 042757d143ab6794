package org.diego.core.model;

import java.util.List;
import org.diego.core.json.Json;

/** Sample tasks for the tests: a valid definition and a task in any state. */
public final class TaskSamples {
    public static final String GUID = "task-guid_1";
    public static final String CELL = "cell-a";
    public static final String OTHER_CELL = "cell-b";
    public static final long T0 = 1_700_000_000_000_000_000L;

    private TaskSamples() {
    }

    public static TaskDefinition definition() {
        return definition("");
    }

    public static TaskDefinition definition(String callbackUrl) {
        return new TaskDefinition("preloaded:cflinuxfs4", List.of(new EnvironmentVariable("A", "1")),
                new Action(new RunAction("/bin/sh", List.of("-c", "echo hi"), null, null, "vcap")), 64, 128, 10, false,
                "TASK", "log-guid", "", "/tmp/result", callbackUrl, "note", "", List.of("blue"), 100, "", "");
    }

    /** A valid definition with every field of Diego's TaskDefinition set, read from {@link #FULL_JSON}. */
    public static TaskDefinition full() {
        return Json.read(FULL_JSON, TaskDefinition.class);
    }

    /** Diego's JSON of a TaskDefinition with every field set (values of our own). */
    public static final String FULL_JSON = """
            {
              "rootfs": "docker:///library/alpine#3.20",
              "env": [{"name": "LANG", "value": "C.UTF-8"}],
              "action": {"serial": {"actions": [
                  {"download": {"artifact": "droplet", "from": "http://fs/droplet.tgz", "to": "/home/vcap",
                                "cache_key": "droplet-1", "user": "vcap"}},
                  {"run": {"path": "/bin/migrate", "args": ["--all"], "user": "vcap"}}]}},
              "disk_mb": 1024,
              "memory_mb": 512,
              "cpu_weight": 25,
              "privileged": true,
              "log_source": "TASK",
              "log_guid": "app-guid",
              "metrics_guid": "app-guid",
              "result_file": "/tmp/result.json",
              "completion_callback_url": "https://cc.example.com/internal/v3/tasks/t1/completed",
              "annotation": "staging-1",
              "egress_rules": [
                  {"protocol": "tcp", "destinations": ["10.0.0.0/8"], "ports": [443], "log": true,
                   "annotations": ["security_group_id:1"]},
                  {"protocol": "icmp", "destinations": ["0.0.0.0/0"], "icmp_info": {"type": 8, "code": 0}},
                  {"protocol": "udp", "destinations": ["10.1.1.1-10.1.1.9"], "port_range": {"start": 53, "end": 54}},
                  {"protocol": "all", "destinations": ["1.1.1.1,2.2.2.2"]}],
              "cached_dependencies": [{"name": "buildpack", "from": "http://fs/bp.zip", "to": "/tmp/bp",
                                       "cache_key": "bp", "log_source": "STG", "checksum_algorithm": "sha256",
                                       "checksum_value": "c1"}],
              "legacy_download_user": "vcap",
              "trusted_system_certificates_path": "/etc/cf-system-certificates",
              "volume_mounts": [
                  {"driver": "nfsdriver", "container_dir": "/data", "mode": "rw",
                   "shared": {"volume_id": "vol-1", "mount_config": "{\\"uid\\":\\"1000\\"}"}},
                  {"driver": "smbdriver", "container_dir": "/share", "mode": "r",
                   "dedicated": {"mounter_id": "m-1", "mount_config": "{}", "device_config": "{}"}}],
              "network": {"properties": {"policy_group_id": "app-guid", "app_id": "app-guid"}},
              "placement_tags": ["isolated"],
              "max_pids": 1024,
              "certificate_properties": {"organizational_unit": ["organization:o", "space:s", "app:app-guid"]},
              "image_username": "user",
              "image_password": "secret",
              "image_layers": [
                  {"name": "jdk", "url": "http://fs/jdk.tgz", "destination_path": "/jdk", "layer_type": "SHARED",
                   "media_type": "TGZ", "digest_algorithm": "SHA256", "digest_value": "d1"},
                  {"name": "app", "url": "http://fs/app.tgz", "destination_path": "/app",
                   "layer_type": "EXCLUSIVE", "media_type": "ZIP", "digest_algorithm": "SHA512",
                   "digest_value": "d2"}],
              "log_rate_limit": {"bytes_per_second": 4096},
              "metric_tags": {"source_id": {"static": "app-guid"}, "instance": {"dynamic": "INSTANCE_GUID"}},
              "volume_mounted_files": [{"path": "/etc/cf-service-bindings/db/uri", "content": "postgres://x"}]
            }
            """;

    /** A task in {@code state}; a RUNNING one runs on {@link #CELL}; a finished one failed with "boom". */
    public static Task in(TaskState state) {
        return in(state, 0);
    }

    public static Task in(TaskState state, int rejections) {
        boolean finished = state == TaskState.Completed || state == TaskState.Resolving;
        return new Task(definition(), GUID, "cf-tasks", T0, T0 + 1, finished ? T0 + 1 : 0, state,
                state == TaskState.Running ? CELL : "", finished ? "out" : "", finished, finished ? "boom" : "",
                rejections, rejections > 0 ? "no room" : "");
    }
}
