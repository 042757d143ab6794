package org.diego.core.bridge.staging;

import org.diego.core.model.Validation;
import org.diego.core.model.ValidationException;

/** {@code lifecycle_data} of a docker staging request (runtime-schema's DockerStagingData). */
public record DockerStagingData(String dockerImage, String dockerLoginServer, String dockerUser,
                                String dockerPassword, String dockerEmail) {
    public DockerStagingData {
        dockerImage = orEmpty(dockerImage);
        dockerLoginServer = orEmpty(dockerLoginServer);
        dockerUser = orEmpty(dockerUser);
        dockerPassword = orEmpty(dockerPassword);
        dockerEmail = orEmpty(dockerEmail);
    }

    /** Diego's docker recipe errors: an image is required, and credentials come as a pair. */
    public void validate() {
        Validation.required("lifecycle_data.docker_image", dockerImage);
        if (dockerUser.isEmpty() != dockerPassword.isEmpty()) {
            throw new ValidationException(dockerUser.isEmpty() ? "lifecycle_data.docker_user" : "lifecycle_data.docker_password",
                    "docker_user and docker_password must be given together");
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
