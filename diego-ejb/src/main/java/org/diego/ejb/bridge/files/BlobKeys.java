package org.diego.ejb.bridge.files;

import java.util.Optional;
import java.util.regex.Pattern;
import org.diego.core.model.ValidationException;

/**
 * Blob names, which are also their paths under the file server's {@code /v1/static/}:
 * {@code droplets/<staging guid>} and {@code build_artifacts/<app guid>}. Guids are Diego's guid
 * characters only, so no key can climb out of its folder.
 */
public final class BlobKeys {
    public static final String DROPLETS = "droplets/";
    public static final String BUILD_ARTIFACTS = "build_artifacts/";
    private static final Pattern GUID = Pattern.compile("^[A-Za-z0-9_-]{1,200}$");

    private BlobKeys() {
    }

    public static String droplet(String guid) {
        return DROPLETS + guid(guid);
    }

    public static String buildArtifacts(String appGuid) {
        return BUILD_ARTIFACTS + guid(appGuid);
    }

    /** The blob a file-server path names, if it names one. */
    public static Optional<String> ofPath(String path) {
        for (String folder : new String[] {DROPLETS, BUILD_ARTIFACTS}) {
            if (path.startsWith(folder) && GUID.matcher(path.substring(folder.length())).matches()) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    private static String guid(String guid) {
        if (guid == null || !GUID.matcher(guid).matches()) {
            throw new ValidationException("guid", "must be 1 to 200 of A-Z a-z 0-9 _ -");
        }
        return guid;
    }
}
