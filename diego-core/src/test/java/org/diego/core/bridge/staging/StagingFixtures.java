package org.diego.core.bridge.staging;

/** CC-shaped staging request bodies for the tests. */
final class StagingFixtures {
    static final String BUILDPACK = """
            {"app_id": "app-1", "file_descriptors": 512, "memory_mb": 256, "disk_mb": 1024,
             "environment": [{"name": "A", "value": "1"}],
             "egress_rules": [{"protocol": "tcp", "destinations": ["10.0.0.0/8"], "ports": [80]}],
             "timeout": 900, "log_guid": "log-1", "lifecycle": "buildpack",
             "lifecycle_data": {
               "app_bits_download_uri": "http://cc/app.zip",
               "app_bits_checksum": {"type": "sha256", "value": "abc"},
               "build_artifacts_cache_download_uri": "http://cc/cache",
               "build_artifacts_cache_upload_uri": "http://cc/cache-up",
               "buildpacks": [{"name": "sh", "key": "sh-key", "url": "http://cc/bp.zip", "skip_detect": false},
                              {"name": "other", "key": "other-key", "url": "http://cc/bp2.zip", "skip_detect": false}],
               "droplet_upload_uri": "http://cc/droplet?x=1&y=2",
               "stack": "cflinuxfs4"},
             "completion_callback": "http://cc/internal/staging/s-1/completed",
             "isolation_segment": "seg"}
            """;
    static final String DOCKER = """
            {"app_id": "app-2", "memory_mb": 128, "disk_mb": 256, "lifecycle": "docker",
             "lifecycle_data": {"docker_image": "http://files/busybox.tar", "docker_user": "u", "docker_password": "p",
                                "docker_email": "e@x"},
             "completion_callback": "http://cc/cb"}
            """;

    private StagingFixtures() {
    }

    static StagingRequestFromCC parse(String json) {
        return StagingRequestFromCC.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
