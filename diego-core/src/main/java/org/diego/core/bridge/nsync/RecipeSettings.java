package org.diego.core.bridge.nsync;

/**
 * What the recipes need from the deployment: the file server's base URL (the lifecycle bundles are at
 * {@code <url>/v1/static/<lifecycle>_app_lifecycle/<lifecycle>_app_lifecycle.tgz}), whether app
 * containers are privileged (Diego's {@code privileged_containers}, false by default) and where in the
 * container the lifecycle is unpacked. The default is relative ({@code tmp/lifecycle}, under the
 * container user's home on runc), so the same recipe runs on the process backend, which writes only
 * inside the container directory, as the stager's container-relative paths do; Diego uses the
 * absolute {@code /tmp/lifecycle}.
 */
public record RecipeSettings(String fileServerUrl, boolean privileged, String lifecycleDir) {
    public static final String DEFAULT_FILE_SERVER_URL = "http://127.0.0.1:28080/file-server";
    public static final String DEFAULT_LIFECYCLE_DIR = "tmp/lifecycle";

    public RecipeSettings {
        String url = fileServerUrl == null || fileServerUrl.isBlank() ? DEFAULT_FILE_SERVER_URL : fileServerUrl.strip();
        fileServerUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        String dir = lifecycleDir == null || lifecycleDir.isBlank() ? DEFAULT_LIFECYCLE_DIR : lifecycleDir.strip();
        lifecycleDir = dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    }

    /** Diego's layout: lifecycle at {@code /tmp/lifecycle}. */
    public RecipeSettings(String fileServerUrl, boolean privileged) {
        this(fileServerUrl, privileged, null);
    }

    public String launcher() {
        return lifecycleDir + "/launcher";
    }

    public String healthcheck() {
        return lifecycleDir + "/healthcheck";
    }

    /** e.g. {@code lifecycleUrl("buildpack")}. */
    public String lifecycleUrl(String lifecycle) {
        String name = lifecycle + "_app_lifecycle";
        return fileServerUrl + "/v1/static/" + name + "/" + name + ".tgz";
    }
}
