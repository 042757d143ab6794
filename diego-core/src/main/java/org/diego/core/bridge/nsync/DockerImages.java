package org.diego.core.bridge.nsync;

import org.diego.core.model.ValidationException;

/**
 * A docker image reference as a Diego rootfs URL, as Diego's nsync writes it: images of the official
 * registry get no host and a {@code library/} prefix when they have no namespace, and the tag becomes
 * the fragment: {@code busybox} → {@code docker:///library/busybox}, {@code busybox:1.36} →
 * {@code docker:///library/busybox#1.36}, {@code my.reg:5000/team/app:v2} →
 * {@code docker://my.reg:5000/team/app#v2}.
 */
public final class DockerImages {
    private static final String INDEX_SERVER = "docker.io";

    private DockerImages() {
    }

    public static String rootfs(String field, String image) {
        if (image == null || image.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        if (image.contains("://")) {
            throw new ValidationException(field, "docker image [" + image + "] should not contain a scheme");
        }
        String[] parts = image.split("/", 2);
        String index;
        String remote;
        if (official(parts)) {
            index = "";
            remote = image;
            if (parts[0].equals(INDEX_SERVER) && parts.length == 2) {
                index = INDEX_SERVER;
                remote = parts[1];
            }
            if (remote.indexOf('/') < 0) {
                remote = "library/" + remote;
            }
        } else {
            index = parts[0];
            remote = parts[1];
        }
        String tag = "";
        int colon = remote.lastIndexOf(':');
        if (colon >= 0 && !remote.substring(colon + 1).contains("/")) {
            tag = remote.substring(colon + 1);
            remote = remote.substring(0, colon);
        }
        return "docker://" + index + "/" + remote + (tag.isEmpty() ? "" : "#" + tag);
    }

    private static boolean official(String[] parts) {
        return parts.length == 1 || parts[0].equals(INDEX_SERVER)
                || (!parts[0].contains(".") && !parts[0].contains(":") && !parts[0].equals("localhost"));
    }
}
