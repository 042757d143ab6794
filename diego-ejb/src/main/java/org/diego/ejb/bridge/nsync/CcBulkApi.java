package org.diego.ejb.bridge.nsync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.diego.core.bridge.cc.DesireAppRequestFromCC;
import org.diego.core.bridge.cc.FingerprintsResponse;

/** CC's bulk API as the bulker uses it (implemented by CloudControllerClient; faked in tests). */
public interface CcBulkApi {
    FingerprintsResponse fingerprints(int batchSize, JsonNode token);

    List<DesireAppRequestFromCC> desiredApps(List<String> processGuids);
}
