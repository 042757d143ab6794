package org.diego.cell.garden.runc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A user of the container, resolved from the rootfs's {@code /etc/passwd} as Garden does for
 * {@code ProcessSpec.User}: runc only takes numeric ids. Empty means root.
 */
public record ContainerUser(String name, int uid, int gid, String home) {
    public static final ContainerUser ROOT = new ContainerUser("root", 0, 0, "/root");

    /**
     * Resolves {@code user}: a name from {@code /etc/passwd}, or {@code uid} / {@code uid:gid}. A numeric
     * uid found in passwd takes its home and, without {@code :gid}, its group.
     */
    public static ContainerUser resolve(Path rootfs, String user) throws IOException {
        if (user == null || user.isBlank()) {
            return lookup(rootfs, "root", -1).orElse(ROOT);
        }
        String spec = user.strip();
        if (spec.matches("\\d+(:\\d+)?")) {
            String[] ids = spec.split(":");
            int uid = Integer.parseInt(ids[0]);
            ContainerUser known = lookup(rootfs, null, uid).orElse(new ContainerUser(ids[0], uid, uid, "/"));
            int gid = ids.length > 1 ? Integer.parseInt(ids[1]) : known.gid();
            return new ContainerUser(known.name(), uid, gid, known.home());
        }
        return lookup(rootfs, spec, -1)
                .orElseThrow(() -> new IOException("user " + spec + " not found in the rootfs's /etc/passwd"));
    }

    private static Optional<ContainerUser> lookup(Path rootfs, String name, int uid) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(rootfs.resolve("etc/passwd"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            // name:password:uid:gid:gecos:home:shell
            String[] f = line.split(":", -1);
            if (f.length < 6 || line.startsWith("#")) {
                continue;
            }
            try {
                int entryUid = Integer.parseInt(f[2]);
                if (f[0].equals(name) || (name == null && entryUid == uid)) {
                    String home = f[5].isEmpty() ? "/" : f[5];
                    return Optional.of(new ContainerUser(f[0], entryUid, Integer.parseInt(f[3]), home));
                }
            } catch (NumberFormatException e) {
                // a malformed line does not hide the others
            }
        }
        return Optional.empty();
    }
}
