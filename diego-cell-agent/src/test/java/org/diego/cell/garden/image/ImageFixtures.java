package org.diego.cell.garden.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.diego.cell.archive.TarWriter;
import org.diego.cell.garden.PathTar;

/** Builds small images on disk for tests: OCI layouts and docker save archives from layer tars. */
public final class ImageFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageFixtures() {
    }

    /** Writes one tar with {@code body}; the writer is closed (end blocks written) afterwards. */
    public interface TarBody {
        void write(TarWriter tar) throws IOException;
    }

    public static byte[] tar(TarBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(out)) {
            body.write(tar);
        }
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** A gzipped layer holding the contents of {@code dir} (as {@code ./...}), owners and modes kept. */
    public static byte[] layerOf(Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            PathTar.write(dir, ".", gz);
        }
        return out.toByteArray();
    }

    public static byte[] config(List<String> env, String workingDir, String user) throws IOException {
        return JSON.writeValueAsBytes(Map.of("architecture", "amd64", "os", "linux",
                "config", Map.of("Env", env, "WorkingDir", workingDir, "User", user)));
    }

    /** An OCI layout in {@code dir} with one image tagged {@code tag}; returns its manifest digest. */
    public static String ociLayout(Path dir, String tag, byte[] config, List<byte[]> gzippedLayers) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        List<Map<String, Object>> layers = new ArrayList<>();
        for (byte[] layer : gzippedLayers) {
            layers.add(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", blob(dir, layer), layer.length));
        }
        byte[] manifest = JSON.writeValueAsBytes(Map.of("schemaVersion", 2,
                "mediaType", "application/vnd.oci.image.manifest.v1+json",
                "config", descriptor("application/vnd.oci.image.config.v1+json", blob(dir, config), config.length),
                "layers", layers));
        String digest = blob(dir, manifest);
        Map<String, Object> entry = new java.util.HashMap<>(descriptor("application/vnd.oci.image.manifest.v1+json",
                digest, manifest.length));
        entry.put("annotations", Map.of(OciLayout.REF_NAME, tag));
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(Map.of("schemaVersion", 2,
                "manifests", List.of(entry))));
        return digest;
    }

    /** A docker save tarball with one image, its layers uncompressed as docker writes them. */
    public static void dockerArchive(Path file, String repoTag, byte[] config, List<byte[]> tarLayers)
            throws IOException {
        List<String> layerNames = new ArrayList<>();
        for (int i = 0; i < tarLayers.size(); i++) {
            layerNames.add("layer" + i + "/layer.tar");
        }
        byte[] manifest = JSON.writeValueAsBytes(List.of(Map.of("Config", "config.json", "RepoTags", List.of(repoTag),
                "Layers", layerNames)));
        Files.write(file, tar(tar -> {
            // The layers first and manifest.json last, as docker save writes them.
            for (int i = 0; i < tarLayers.size(); i++) {
                tar.directory("layer" + i, 0755, 0);
                tar.file(layerNames.get(i), 0644, tarLayers.get(i).length, 0,
                        new java.io.ByteArrayInputStream(tarLayers.get(i)));
            }
            tar.file("config.json", 0644, config.length, 0, new java.io.ByteArrayInputStream(config));
            tar.file("manifest.json", 0644, manifest.length, 0, new java.io.ByteArrayInputStream(manifest));
        }));
    }

    private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
        return Map.of("mediaType", mediaType, "digest", digest, "size", size);
    }

    private static String blob(Path dir, byte[] bytes) throws IOException {
        String digest = Blobs.sha256(bytes);
        Path file = Blobs.path(dir, digest);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return digest;
    }
}
