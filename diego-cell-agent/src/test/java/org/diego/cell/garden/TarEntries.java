package org.diego.cell.garden;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.diego.cell.archive.TarReader;

/** Reads a tar into entry name → content ("dir/" for directories, "-> target" for links), for assertions. */
public final class TarEntries {
    private TarEntries() {
    }

    public static Map<String, String> read(InputStream tar) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (tar) {
            TarReader reader = new TarReader(tar);
            for (TarReader.Entry e = reader.next(); e != null; e = reader.next()) {
                switch (e.kind()) {
                    case DIRECTORY -> entries.put(e.name().endsWith("/") ? e.name() : e.name() + "/", "");
                    case SYMLINK -> entries.put(e.name(), "-> " + e.linkName());
                    default -> entries.put(e.name(), new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return entries;
    }
}
