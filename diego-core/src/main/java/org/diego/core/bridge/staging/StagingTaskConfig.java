package org.diego.core.bridge.staging;

/**
 * Where the staging Task finds this cluster and how it lays out its container.
 *
 * @param stagerUrl     base URL of the stager component, e.g. {@code http://10.0.0.1:28080/stager}; the
 *                      Task's completion callback is {@code <stagerUrl>/v1/staging/<guid>/completed}
 * @param fileServerUrl base URL of the file server ({@code .../file-server}) serving the lifecycle bundles
 * @param ccUploaderUrl base URL of the cc-uploader ({@code .../cc-uploader})
 * @param containerRoot prefix of every container path: {@code "/"} for a rootfs ({@code /tmp/app}), {@code ""}
 *                      for paths relative to the container's directory ({@code tmp/app}), which the
 *                      process backend requires (it has no rootfs to write {@code /tmp} into)
 * @param user          user of the download and upload actions (Diego: {@code vcap})
 * @param defaultTimeoutSeconds staging timeout when CC sends none (Diego: 15 minutes)
 */
public record StagingTaskConfig(String stagerUrl, String fileServerUrl, String ccUploaderUrl, String containerRoot,
                                String user, int defaultTimeoutSeconds) {
    public static final String DOMAIN = "cf-app-staging";
    public static final String LOG_SOURCE = "STG";
    public static final int DEFAULT_TIMEOUT_SECONDS = 15 * 60;

    public StagingTaskConfig {
        stagerUrl = trimSlash(stagerUrl);
        fileServerUrl = trimSlash(fileServerUrl);
        ccUploaderUrl = trimSlash(ccUploaderUrl);
        containerRoot = containerRoot == null || containerRoot.isEmpty() ? "" : containerRoot.endsWith("/")
                ? containerRoot : containerRoot + "/";
        user = user == null || user.isEmpty() ? "vcap" : user;
        defaultTimeoutSeconds = defaultTimeoutSeconds <= 0 ? DEFAULT_TIMEOUT_SECONDS : defaultTimeoutSeconds;
    }

    public String callbackUrl(String stagingGuid) {
        return stagerUrl + "/v1/staging/" + stagingGuid + "/completed";
    }

    /** A container path, e.g. {@code path("tmp/app")} is {@code /tmp/app} or {@code tmp/app}. */
    public String path(String relative) {
        return containerRoot + relative;
    }

    private static String trimSlash(String url) {
        String u = url == null ? "" : url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
