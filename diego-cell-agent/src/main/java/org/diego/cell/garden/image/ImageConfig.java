package org.diego.cell.garden.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an image's config says about its processes (OCI image config {@code config.Env},
 * {@code config.WorkingDir}, {@code config.User}): defaults for every process of a container made from it.
 * {@code env} entries are {@code NAME=value}; blank dir and user mean none.
 */
public record ImageConfig(List<String> env, String workingDir, String user) {
    public static final ImageConfig EMPTY = new ImageConfig(List.of(), "", "");
    private static final ObjectMapper JSON = new ObjectMapper();

    public ImageConfig {
        env = env == null ? List.of() : List.copyOf(env);
        workingDir = workingDir == null ? "" : workingDir;
        user = user == null ? "" : user;
    }

    /** From the image's config blob; anything it lacks is left empty. */
    public static ImageConfig parse(byte[] json) throws IOException {
        JsonNode config = JSON.readTree(json).path("config");
        List<String> env = new ArrayList<>();
        config.path("Env").forEach(e -> {
            if (e.isTextual() && e.asText().contains("=")) {
                env.add(e.asText());
            }
        });
        return new ImageConfig(env, config.path("WorkingDir").asText(""), config.path("User").asText(""));
    }

    public byte[] toJson() throws IOException {
        return JSON.writeValueAsBytes(this);
    }

    public static ImageConfig fromJson(byte[] json) throws IOException {
        return JSON.readValue(json, ImageConfig.class);
    }
}
