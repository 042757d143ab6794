package org.diego.core.model;

/**
 * A layer added on top of the rootfs. SHARED layers are cached across containers; EXCLUSIVE ones are
 * downloaded per container as {@code legacy_download_user} and must carry a digest. The enums travel
 * by their Diego names, including the "invalid" zero values.
 */
public record ImageLayer(String name, String url, String destinationPath, Type layerType, MediaType mediaType,
                         DigestAlgorithm digestAlgorithm, String digestValue) {

    public enum Type { LayerTypeInvalid, SHARED, EXCLUSIVE }

    public enum MediaType { MediaTypeInvalid, TGZ, TAR, ZIP }

    public enum DigestAlgorithm { DigestAlgorithmInvalid, SHA256, SHA512 }

    public void validate(String field) {
        Validation.required(Validation.sub(field, "url"), url);
        Validation.required(Validation.sub(field, "destination_path"), destinationPath);
        if (layerType == null || layerType == Type.LayerTypeInvalid) {
            throw new ValidationException(Validation.sub(field, "layer_type"), "must be SHARED or EXCLUSIVE");
        }
        if (mediaType == null || mediaType == MediaType.MediaTypeInvalid) {
            throw new ValidationException(Validation.sub(field, "media_type"), "must be TGZ, TAR or ZIP");
        }
        boolean hasDigest = digestValue != null && !digestValue.isEmpty();
        boolean hasAlgorithm = digestAlgorithm != null && digestAlgorithm != DigestAlgorithm.DigestAlgorithmInvalid;
        boolean exclusive = layerType == Type.EXCLUSIVE;
        if ((hasDigest || exclusive) && !hasAlgorithm) {
            throw new ValidationException(Validation.sub(field, "digest_algorithm"),
                    "must be SHA256 or SHA512 when a digest is given or the layer is EXCLUSIVE");
        }
        if ((hasAlgorithm || exclusive) && !hasDigest) {
            throw new ValidationException(Validation.sub(field, "digest_value"),
                    "is required with a digest_algorithm or for an EXCLUSIVE layer");
        }
    }
}
