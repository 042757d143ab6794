package org.diego.cell.garden.image;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A rootfs URI naming an image: {@code docker:///name[#tag]} or {@code docker://host/name[#tag]} (Diego's
 * form, the tag after {@code #}, also accepted after {@code :}), or {@code oci:///name[#tag]}. The tag
 * defaults to {@code latest} for docker images and is empty (the layout's only image) for OCI ones.
 */
public record ImageRef(String scheme, String name, String tag) {
    public static final String DOCKER = "docker";
    public static final String OCI = "oci";

    /** Whether this rootfs names an image rather than a preloaded stack. */
    public static boolean isImage(String rootfs) {
        return rootfs != null && (rootfs.startsWith(DOCKER + "://") || rootfs.startsWith(OCI + "://"));
    }

    public static ImageRef parse(String rootfs) {
        URI uri;
        try {
            uri = new URI(rootfs);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("rootfs " + rootfs + " is not a valid URI: " + e.getMessage());
        }
        String scheme = uri.getScheme();
        if (!DOCKER.equals(scheme) && !OCI.equals(scheme)) {
            throw new IllegalArgumentException("rootfs " + rootfs + ": scheme must be docker or oci");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+", "");
        String host = uri.getHost() == null ? "" : uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String name = host.isEmpty() ? path : host + "/" + path;
        String tag = uri.getFragment() == null ? "" : uri.getFragment();
        int colon = name.lastIndexOf(':');
        if (DOCKER.equals(scheme) && tag.isEmpty() && colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("rootfs " + rootfs + " names no image");
        }
        if (DOCKER.equals(scheme) && tag.isEmpty()) {
            tag = "latest";
        }
        return new ImageRef(scheme, name, tag);
    }

    /**
     * The names the cell's image map may list this image under, most specific first: {@code name:tag},
     * then {@code name}; Docker Hub's {@code docker.io/} and {@code library/} prefixes are optional.
     */
    public List<String> keys() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        String short1 = name.replaceFirst("^(registry-1\\.)?docker\\.io/", "");
        String short2 = short1.replaceFirst("^library/", "");
        for (String n : List.of(name, short1, short2)) {
            if (!tag.isEmpty()) {
                names.add(n + ":" + tag);
            }
        }
        if (tag.isEmpty() || tag.equals("latest")) {
            names.add(name);
            names.add(short1);
            names.add(short2);
        }
        return List.copyOf(names);
    }

    @Override
    public String toString() {
        return scheme + ":///" + name + (tag.isEmpty() ? "" : "#" + tag);
    }
}
