package org.diego.cell.garden.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An image in an OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/}), as
 * {@code skopeo copy ... oci:DIR:TAG} or {@code buildah push} write it. The image is the index's manifest
 * whose {@code org.opencontainers.image.ref.name} is the tag, or its only one; a nested index (a
 * multi-platform image) is resolved to the manifest for linux and this JVM's architecture.
 */
public final class OciLayout implements ImageSource {
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_JSON = 4 << 20;

    private final Path dir;
    private final String digest;
    private final String configDigest;
    private final List<Layer> layers;

    private OciLayout(Path dir, String digest, String configDigest, List<Layer> layers) {
        this.dir = dir;
        this.digest = digest;
        this.configDigest = configDigest;
        this.layers = layers;
    }

    /** Opens the image tagged {@code tag} (blank: the only one) in the layout {@code dir}. */
    public static OciLayout open(Path dir, String tag) throws IOException {
        if (!Files.isRegularFile(dir.resolve("oci-layout")) || !Files.isRegularFile(dir.resolve("index.json"))) {
            throw new IOException(dir + " is not an OCI image layout (no oci-layout or index.json)");
        }
        JsonNode index = JSON.readTree(readSmall(dir.resolve("index.json")));
        JsonNode descriptor = pick(index.path("manifests"), tag, dir);
        // A multi-platform image: one more level.
        while (isIndex(descriptor.path("mediaType").asText(""))) {
            JsonNode nested = JSON.readTree(blob(dir, descriptor.path("digest").asText()));
            descriptor = platform(nested.path("manifests"), dir);
        }
        String digest = Blobs.check(descriptor.path("digest").asText(null), "manifest in " + dir);
        JsonNode manifest = JSON.readTree(blob(dir, digest));
        String config = Blobs.check(manifest.path("config").path("digest").asText(null), "config of " + digest);
        List<Layer> layers = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            String layerDigest = Blobs.check(layer.path("digest").asText(null), "layer of " + digest);
            Path file = Blobs.path(dir, layerDigest);
            layers.add(new Layer() {
                @Override
                public String digest() {
                    return layerDigest;
                }

                @Override
                public InputStream open() throws IOException {
                    return Files.newInputStream(file);
                }
            });
        }
        return new OciLayout(dir, digest, config, List.copyOf(layers));
    }

    @Override
    public String digest() {
        return digest;
    }

    @Override
    public ImageConfig config() throws IOException {
        return ImageConfig.parse(blob(dir, configDigest));
    }

    @Override
    public List<Layer> layers() {
        return layers;
    }

    private static JsonNode pick(JsonNode manifests, String tag, Path dir) throws IOException {
        List<String> tags = new ArrayList<>();
        for (JsonNode m : manifests) {
            String name = m.path("annotations").path(REF_NAME).asText("");
            if (tag != null && !tag.isEmpty() && (name.equals(tag) || name.endsWith(":" + tag))) {
                return m;
            }
            tags.add(name);
        }
        // A layout with one image serves an untagged or defaulted ("latest") reference whatever its tag.
        if (manifests.size() == 1 && (tag == null || tag.isEmpty() || tag.equals("latest") || tags.get(0).isEmpty())) {
            return manifests.get(0);
        }
        throw new IOException("OCI layout " + dir + " has no image tagged '" + (tag == null ? "" : tag)
                + "' (tags: " + tags + ")");
    }

    private static JsonNode platform(JsonNode manifests, Path dir) throws IOException {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> System.getProperty("os.arch");
        };
        for (JsonNode m : manifests) {
            JsonNode p = m.path("platform");
            if ("linux".equals(p.path("os").asText()) && arch.equals(p.path("architecture").asText())) {
                return m;
            }
        }
        throw new IOException("OCI layout " + dir + " has no image for linux/" + arch);
    }

    private static boolean isIndex(String mediaType) {
        return mediaType.equals("application/vnd.oci.image.index.v1+json")
                || mediaType.equals("application/vnd.docker.distribution.manifest.list.v2+json");
    }

    /** A JSON blob, checked against its digest. */
    private static byte[] blob(Path dir, String digest) throws IOException {
        byte[] bytes = readSmall(Blobs.path(dir, digest));
        if (!Blobs.sha256(bytes).equals(digest)) {
            throw new IOException("blob " + digest + " in " + dir + " does not match its digest");
        }
        return bytes;
    }

    private static byte[] readSmall(Path file) throws IOException {
        if (Files.size(file) > MAX_JSON) {
            throw new IOException(file + " is too large for a manifest, index or config");
        }
        return Files.readAllBytes(file);
    }
}
