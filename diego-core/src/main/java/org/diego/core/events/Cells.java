package org.diego.core.events;

import java.util.LinkedHashSet;
import java.util.Set;

/** The non-empty cell ids among those given. */
final class Cells {
    private Cells() {
    }

    static Set<String> of(String... ids) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            if (id != null && !id.isEmpty()) {
                out.add(id);
            }
        }
        return Set.copyOf(out);
    }
}
