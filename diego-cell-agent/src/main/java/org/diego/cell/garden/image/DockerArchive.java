package org.diego.cell.garden.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diego.cell.archive.TarReader;

/**
 * An image in a {@code docker save} tarball: {@code manifest.json} lists, per image, its config file, its
 * repo tags and its layer tars. Such an archive carries no manifest digest, so the image id (the digest
 * of its config, which names the layers by their content) is the cache key instead. Entries are found by
 * scanning the tarball, once per layer: archives are local and images have few layers.
 */
public final class DockerArchive implements ImageSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_JSON = 4 << 20;

    private final String digest;
    private final byte[] config;
    private final List<Layer> layers;

    private DockerArchive(String digest, byte[] config, List<Layer> layers) {
        this.digest = digest;
        this.config = config;
        this.layers = layers;
    }

    /** The image of {@code tarball} tagged with one of {@code repoTags}, or its only image. */
    public static DockerArchive open(Path tarball, List<String> repoTags) throws IOException {
        byte[] manifestJson = read(tarball, "manifest.json");
        if (manifestJson == null) {
            throw new IOException(tarball + " is not a docker save archive (no manifest.json)");
        }
        JsonNode images = JSON.readTree(manifestJson);
        JsonNode chosen = null;
        List<String> tags = new ArrayList<>();
        for (JsonNode image : images) {
            for (JsonNode tag : image.path("RepoTags")) {
                tags.add(tag.asText());
                if (chosen == null && repoTags.contains(tag.asText())) {
                    chosen = image;
                }
            }
        }
        if (chosen == null && images.size() == 1) {
            chosen = images.get(0);
        }
        if (chosen == null) {
            throw new IOException("docker archive " + tarball + " has none of " + repoTags + " (tags: " + tags + ")");
        }
        String configName = chosen.path("Config").asText("");
        byte[] config = configName.isEmpty() ? null : read(tarball, configName);
        if (config == null) {
            throw new IOException("docker archive " + tarball + ": config " + configName + " is missing");
        }
        List<Layer> layers = new ArrayList<>();
        for (JsonNode layer : chosen.path("Layers")) {
            String name = layer.asText();
            layers.add(new Layer() {
                @Override
                public String digest() {
                    return null; // legacy archives name layers by path; the config's diff_ids are of the tar
                }

                @Override
                public InputStream open() throws IOException {
                    InputStream entry = entry(tarball, name);
                    if (entry == null) {
                        throw new IOException("docker archive " + tarball + ": layer " + name + " is missing");
                    }
                    return entry;
                }
            });
        }
        return new DockerArchive(Blobs.sha256(config), config, List.copyOf(layers));
    }

    @Override
    public String digest() {
        return digest;
    }

    @Override
    public ImageConfig config() throws IOException {
        return ImageConfig.parse(config);
    }

    @Override
    public List<Layer> layers() {
        return layers;
    }

    private static byte[] read(Path tarball, String name) throws IOException {
        try (InputStream in = entry(tarball, name)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readNBytes((int) MAX_JSON + 1);
            if (bytes.length > MAX_JSON) {
                throw new IOException(name + " in " + tarball + " is too large");
            }
            return bytes;
        }
    }

    /** The content of entry {@code name} (following the tar's own symlinks, as docker's layer links are). */
    private static InputStream entry(Path tarball, String name) throws IOException {
        String wanted = normalize(name);
        for (int hops = 0; hops < 8; hops++) {
            InputStream file = Files.newInputStream(tarball);
            TarReader reader = new TarReader(file);
            String next = null;
            for (TarReader.Entry e = reader.next(); e != null; e = reader.next()) {
                if (!normalize(e.name()).equals(wanted)) {
                    continue;
                }
                if (e.kind() == TarReader.Kind.SYMLINK || e.kind() == TarReader.Kind.HARD_LINK) {
                    next = e.kind() == TarReader.Kind.HARD_LINK ? normalize(e.linkName())
                            : normalize(Path.of(wanted).resolveSibling(e.linkName()).normalize().toString());
                    break;
                }
                return new FilterInputStream(reader.content()) {
                    @Override
                    public void close() throws IOException {
                        file.close();
                    }
                };
            }
            file.close();
            if (next == null) {
                return null;
            }
            wanted = next;
        }
        throw new IOException("too many links to " + name + " in " + tarball);
    }

    private static String normalize(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.startsWith("./") ? n.substring(2) : n.substring(1);
        }
        return n;
    }
}
