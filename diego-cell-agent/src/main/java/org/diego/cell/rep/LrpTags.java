package org.diego.cell.rep;

import java.util.Map;
import org.diego.cell.executor.Container;
import org.diego.core.model.ActualLrpKey;

/**
 * The executor tags the rep puts on an LRP container, named as in Diego's rep, so that the ActualLRP
 * key can be recovered from the container alone.
 */
final class LrpTags {
    static final String LIFECYCLE = "lifecycle";
    static final String LRP = "lrp";
    static final String DOMAIN = "domain";
    static final String PROCESS_GUID = "process-guid";
    static final String PROCESS_INDEX = "process-index";

    private LrpTags() {
    }

    static Map<String, String> of(ActualLrpKey key) {
        return Map.of(LIFECYCLE, LRP, DOMAIN, key.domain() == null ? "" : key.domain(),
                PROCESS_GUID, key.processGuid(), PROCESS_INDEX, Integer.toString(key.index()));
    }

    /** Selects the containers of one instance slot, whatever their instance guid. */
    static Map<String, String> slot(String processGuid, int index) {
        return Map.of(LIFECYCLE, LRP, PROCESS_GUID, processGuid, PROCESS_INDEX, Integer.toString(index));
    }

    /** An LRP container: the only kind whose tags {@link #key} can read. */
    static boolean isLrp(Container container) {
        return LRP.equals(container.tags().get(LIFECYCLE));
    }

    static ActualLrpKey key(Container container) {
        Map<String, String> tags = container.tags();
        return new ActualLrpKey(tags.get(PROCESS_GUID), Integer.parseInt(tags.get(PROCESS_INDEX)), tags.get(DOMAIN));
    }
}
