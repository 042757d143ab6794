package org.diego.cell.garden.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Digests as OCI writes them, and where a layout keeps the blob of one. */
final class Blobs {
    private static final Pattern DIGEST = Pattern.compile("^sha256:[0-9a-f]{64}$");

    private Blobs() {
    }

    /** Only sha256 digests of the canonical form: anything else could name a path outside the layout. */
    static String check(String digest, String what) throws IOException {
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw new IOException(what + ": unsupported or malformed digest " + digest);
        }
        return digest;
    }

    static Path path(Path layout, String digest) throws IOException {
        check(digest, "blob");
        return layout.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length()));
    }

    static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + hex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
