package org.diego.ejb.bridge.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lifecycle bundles the file server serves under {@code /v1/static/}: each a tgz of the POSIX-sh
 * {@code builder}, {@code launcher} and {@code healthcheck} kept as classpath resources under
 * {@code lifecycles/<lifecycle>/}. Built once per JVM on first use, rather than at Maven build
 * time, so no packaging step can leave a stale bundle behind. Pure Java, no container needed.
 */
public final class LifecycleBundles {
    public static final String[] SCRIPTS = {"builder", "launcher", "healthcheck"};
    public static final String[] LIFECYCLES = {"buildpack_app_lifecycle", "docker_app_lifecycle"};
    private static final Map<String, Bundle> CACHE = new ConcurrentHashMap<>();

    /** One bundle's bytes and their MD5 (hex), the file server's ETag. */
    public record Bundle(byte[] bytes, String md5) {
    }

    private LifecycleBundles() {
    }

    /** The bundle at {@code path} (e.g. {@code buildpack_app_lifecycle/buildpack_app_lifecycle.tgz}), if one. */
    public static Optional<Bundle> find(String path) {
        for (String lifecycle : LIFECYCLES) {
            if (path.equals(lifecycle + "/" + lifecycle + ".tgz")) {
                return Optional.of(CACHE.computeIfAbsent(lifecycle, LifecycleBundles::build));
            }
        }
        return Optional.empty();
    }

    static Bundle build(String lifecycle) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String script : SCRIPTS) {
            files.put(script, resource("lifecycles/" + lifecycle + "/" + script));
        }
        try {
            byte[] tgz = TarGzWriter.of(files, 0755);
            return new Bundle(tgz, md5(tgz));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = LifecycleBundles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("lifecycle script missing from the classpath: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
