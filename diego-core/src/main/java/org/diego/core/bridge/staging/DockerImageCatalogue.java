package org.diego.core.bridge.staging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's docker image catalogue, setting {@code diego.stager.docker-images}: image reference →
 * URL of a {@code docker save} (docker-archive) or OCI-layout tarball, e.g.
 * {@code busybox:1.36=http://files.internal/images/busybox-1.36.tar}. No registry is reachable here, so
 * this is how a plain reference, as Cloud Controller sends it, finds its image when staging: the
 * staging Task downloads the tarball and the builder reads the image config from it. The same
 * reference is what nsync desires ({@code docker:///library/busybox#1.36}) and what a runc cell lists in
 * its {@code --image REF=PATH} map.
 *
 * <p>References are compared in one canonical form, the one the cell's image map also accepts: Docker
 * Hub's {@code docker.io/} and {@code library/} prefixes are optional and no tag means {@code latest},
 * so {@code busybox}, {@code busybox:latest} and {@code docker.io/library/busybox:latest} are one image.
 */
public final class DockerImageCatalogue {
    public static final String SETTING = "diego.stager.docker-images";
    public static final DockerImageCatalogue EMPTY = new DockerImageCatalogue(Map.of());

    private final Map<String, String> urls;

    private DockerImageCatalogue(Map<String, String> urls) {
        this.urls = Map.copyOf(urls);
    }

    /**
     * Reads the setting: entries {@code REF=URL} separated by commas or whitespace (the first {@code =}
     * ends the reference, which never contains one). Null or blank is the empty catalogue. A malformed
     * entry, a URL that is not http(s) or a reference listed twice is an IllegalArgumentException naming
     * the entry, so a misconfiguration shows on the first staging rather than as an image not found.
     */
    public static DockerImageCatalogue parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return EMPTY;
        }
        Map<String, String> urls = new LinkedHashMap<>();
        for (String entry : setting.trim().split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String ref = eq < 0 ? "" : entry.substring(0, eq);
            String url = eq < 0 ? "" : entry.substring(eq + 1);
            if (ref.isEmpty() || url.isEmpty()) {
                throw invalid(entry, "expected REF=URL");
            }
            if (ref.contains("://")) {
                throw invalid(entry, "the reference must not have a scheme");
            }
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw invalid(entry, "the URL must be http or https");
            }
            if (urls.putIfAbsent(canonical(ref), url) != null) {
                throw invalid(entry, "image " + canonical(ref) + " is listed twice");
            }
        }
        return new DockerImageCatalogue(urls);
    }

    /** The tarball URL of an image reference, if the catalogue lists it (in any of its spellings). */
    public Optional<String> url(String reference) {
        if (reference == null || reference.isBlank() || reference.contains("://")) {
            return Optional.empty();
        }
        return Optional.ofNullable(urls.get(canonical(reference)));
    }

    /** Canonical reference → URL. */
    public Map<String, String> entries() {
        return urls;
    }

    /**
     * {@code name:tag} (or {@code name@digest}) without Docker Hub's optional prefixes, {@code latest}
     * when no tag is given: {@code docker.io/library/busybox} → {@code busybox:latest}.
     */
    public static String canonical(String reference) {
        String ref = reference.trim();
        String digest = "";
        int at = ref.indexOf('@');
        if (at >= 0) {
            digest = ref.substring(at);
            ref = ref.substring(0, at);
        }
        String tag = "";
        int colon = ref.lastIndexOf(':');
        if (colon > ref.lastIndexOf('/')) {
            tag = ref.substring(colon);
            ref = ref.substring(0, colon);
        }
        ref = ref.replaceFirst("^(registry-1\\.)?docker\\.io/", "").replaceFirst("^library/", "");
        if (!digest.isEmpty()) {
            return ref + tag + digest;
        }
        return ref + (tag.isEmpty() ? ":latest" : tag);
    }

    private static IllegalArgumentException invalid(String entry, String why) {
        return new IllegalArgumentException(SETTING + ": entry '" + entry + "': " + why);
    }
}
