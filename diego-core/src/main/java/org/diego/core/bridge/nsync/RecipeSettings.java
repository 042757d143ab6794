package org.diego.core.bridge.nsync;

/**
 * What the recipes need from the deployment: the file server's base URL (the lifecycle bundles are at
 * {@code <url>/v1/static/<lifecycle>_app_lifecycle/<lifecycle>_app_lifecycle.tgz}) and whether app
 * containers are privileged (Diego's {@code privileged_containers}, false by default).
 */
public record RecipeSettings(String fileServerUrl, boolean privileged) {
    public static final String DEFAULT_FILE_SERVER_URL = "http://127.0.0.1:28080/file-server";

    public RecipeSettings {
        String url = fileServerUrl == null || fileServerUrl.isBlank() ? DEFAULT_FILE_SERVER_URL : fileServerUrl.strip();
        fileServerUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** e.g. {@code lifecycleUrl("buildpack")}. */
    public String lifecycleUrl(String lifecycle) {
        String name = lifecycle + "_app_lifecycle";
        return fileServerUrl + "/v1/static/" + name + "/" + name + ".tgz";
    }
}
