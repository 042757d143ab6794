package org.diego.cell.garden.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diego.core.bridge.nsync.DockerImages;
import org.diego.core.bridge.staging.DockerImageCatalogue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One reference, three readers: the stager's image catalogue, nsync's rootfs and the cell's
 * {@code --image} map. A cell listing an image under the catalogue's canonical spelling of a reference
 * resolves the rootfs nsync desires for any spelling of that reference.
 */
class ImageReferenceAgreementTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"busybox", "busybox:1.36", "library/busybox:1.36", "docker.io/library/busybox:latest",
            "docker.io/busybox", "team/app", "team/app:v3", "docker.io/team/app:v3", "my.reg:5000/team/app:v2",
            "localhost/app"})
    void theCellFindsWhatNsyncDesiresUnderTheCataloguesName(String reference) {
        ImageRef ref = ImageRef.parse(DockerImages.rootfs("docker_image", reference));
        String listed = DockerImageCatalogue.canonical(reference);
        assertTrue(ref.keys().contains(listed), reference + ": the cell looks up " + ref.keys() + ", not " + listed);
    }
}
