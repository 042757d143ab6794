package org.diego.core.bridge.staging;

import java.util.List;
import org.diego.core.model.Validation;
import org.diego.core.model.ValidationException;

/** {@code lifecycle_data} of a buildpack staging request (runtime-schema's BuildpackStagingData). */
public record BuildpackStagingData(
        String appBitsDownloadUri,
        Checksum appBitsChecksum,
        String buildArtifactsCacheDownloadUri,
        String buildArtifactsCacheUploadUri,
        Checksum buildpackCacheChecksum,
        List<BuildpackRef> buildpacks,
        String dropletUploadUri,
        String stack) {

    public BuildpackStagingData {
        appBitsDownloadUri = orEmpty(appBitsDownloadUri);
        buildArtifactsCacheDownloadUri = orEmpty(buildArtifactsCacheDownloadUri);
        buildArtifactsCacheUploadUri = orEmpty(buildArtifactsCacheUploadUri);
        buildpacks = buildpacks == null ? List.of() : List.copyOf(buildpacks);
        dropletUploadUri = orEmpty(dropletUploadUri);
        stack = orEmpty(stack);
    }

    /** Diego's recipe errors, each naming the field (under {@code lifecycle_data}). */
    public void validate() {
        Validation.required("lifecycle_data.app_bits_download_uri", appBitsDownloadUri);
        Validation.required("lifecycle_data.droplet_upload_uri", dropletUploadUri);
        Validation.required("lifecycle_data.stack", stack);
        if (buildpacks.isEmpty()) {
            throw new ValidationException("lifecycle_data.buildpacks", "must name at least one buildpack");
        }
        Validation.each("lifecycle_data.buildpacks", buildpacks, (at, b) -> b.validate(at));
        if (buildpacks.size() > 1 && buildpacks.stream().anyMatch(b -> b.skipDetect() != buildpacks.get(0).skipDetect())) {
            throw new ValidationException("lifecycle_data.buildpacks", "skip_detect must be the same for every buildpack");
        }
    }

    /** All buildpacks say skip_detect (CC sets it on each when the user named the buildpacks). */
    public boolean skipDetect() {
        return !buildpacks.isEmpty() && buildpacks.get(0).skipDetect();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
