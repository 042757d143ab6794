package org.diego.ejb.auction;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.diego.core.auction.PlacementExplanation;
import org.diego.core.auction.PlacementExplanation.CellVerdict;
import org.diego.core.json.Json;

/**
 * Beyond Diego: the last auction's explanation for each instance it could not place, kept in the data
 * grid (map {@value #MAP}, key {@code guid.index}, JSON value, TTL) so that every instance of the
 * deployment group can answer for the auctioneer wherever it runs. Written by the active auctioneer,
 * removed when a later round places the instance. A grid error never fails an auction round.
 */
@ApplicationScoped
public class PlacementExplanations {
    private static final Logger LOG = Logger.getLogger(PlacementExplanations.class.getName());
    static final String MAP = "diego-placement-explanations";

    @Inject
    HazelcastInstance hazelcast;

    /**
     * What is stored and served: the instance, Diego's failure reason, the per-cell verdicts (empty when
     * none were evaluated, or beyond the round's explanation budget), a readable description and when.
     */
    public record Explanation(String processGuid, int index, String reason, List<CellVerdict> cells,
                              String description, String auctionedAt) {
    }

    public static String key(String processGuid, int index) {
        return processGuid + "." + index;
    }

    /** Records the failures of one round and forgets the instances it placed. */
    public void record(Map<String, Explanation> failed, Collection<String> placedKeys, Duration ttl) {
        try {
            IMap<String, String> map = hazelcast.getMap(MAP);
            failed.forEach((key, e) -> map.setAsync(key, Json.write(e), ttl.toMillis(), TimeUnit.MILLISECONDS));
            placedKeys.forEach(map::removeAsync);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot store placement explanations", e);
        }
    }

    /** The last explanation for an unplaced instance, as its JSON object. */
    public Optional<String> find(String processGuid, int index) {
        IMap<String, String> map = hazelcast.getMap(MAP);
        return Optional.ofNullable(map.get(key(processGuid, index)));
    }

    static Explanation of(String processGuid, int index, String reason, PlacementExplanation explained,
                          Instant when) {
        List<CellVerdict> cells = explained == null ? List.of() : explained.cells();
        String description = explained != null ? explained.describe() : key(processGuid, index) + ": " + reason;
        return new Explanation(processGuid, index, reason, cells, description, when.toString());
    }
}
