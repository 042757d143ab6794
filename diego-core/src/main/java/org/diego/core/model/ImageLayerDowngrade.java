package org.diego.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The .r2 form of a DesiredLRP, for clients older than image layers (Diego's V3 to V2 down-conversion):
 * SHARED layers become cached dependencies (before the LRP's own), EXCLUSIVE layers become parallel
 * downloads run before the setup action, and the layers themselves are dropped.
 */
final class ImageLayerDowngrade {
    private ImageLayerDowngrade() {
    }

    static DesiredLrp apply(DesiredLrp lrp) {
        if (lrp.imageLayers().isEmpty()) {
            return lrp;
        }
        List<CachedDependency> cached = new ArrayList<>();
        List<Action> downloads = new ArrayList<>();
        for (ImageLayer layer : lrp.imageLayers()) {
            String algorithm = algorithm(layer);
            String digest = layer.digestValue() == null ? "" : layer.digestValue();
            if (layer.layerType() == ImageLayer.Type.SHARED) {
                String cacheKey = digest.isEmpty() ? layer.url() : algorithm + ":" + digest;
                cached.add(new CachedDependency(layer.name(), layer.url(), layer.destinationPath(), cacheKey, null,
                        algorithm, digest));
            } else if (layer.layerType() == ImageLayer.Type.EXCLUSIVE) {
                downloads.add(Action.of(new DownloadAction(layer.name(), layer.url(), layer.destinationPath(),
                        algorithm + ":" + digest, null, lrp.legacyDownloadUser(), algorithm, digest)));
            }
        }
        cached.addAll(lrp.cachedDependencies());
        Action setup = lrp.setup();
        if (!downloads.isEmpty()) {
            Action parallel = Action.of(new ParallelAction(downloads, null));
            setup = setup == null ? parallel : Action.of(new SerialAction(List.of(parallel, setup), null));
        }
        return lrp.toBuilder().cachedDependencies(cached).setup(setup).imageLayers(List.of()).build();
    }

    /** Diego lower-cases the enum name; the invalid zero value gives no algorithm. */
    private static String algorithm(ImageLayer layer) {
        ImageLayer.DigestAlgorithm a = layer.digestAlgorithm();
        return a == null || a == ImageLayer.DigestAlgorithm.DigestAlgorithmInvalid ? "" : a.name().toLowerCase(Locale.ROOT);
    }
}
