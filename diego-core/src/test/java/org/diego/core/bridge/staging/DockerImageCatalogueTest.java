package org.diego.core.bridge.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The image catalogue setting: entries, the spellings of one reference, and bad settings. */
class DockerImageCatalogueTest {
    private static final DockerImageCatalogue CATALOGUE = DockerImageCatalogue.parse(
            " busybox:1.36=http://files/busybox.tar,\n docker.io/team/app=https://files/app.tar  my.reg:5000/x:v2=http://r/x.tgz ");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "busybox:1.36,                       http://files/busybox.tar",
            "library/busybox:1.36,               http://files/busybox.tar",
            "docker.io/library/busybox:1.36,     http://files/busybox.tar",
            "registry-1.docker.io/busybox:1.36,  http://files/busybox.tar",
            "team/app,                           https://files/app.tar",
            "team/app:latest,                    https://files/app.tar",
            "docker.io/team/app:latest,          https://files/app.tar",
            "my.reg:5000/x:v2,                   http://r/x.tgz"})
    void everySpellingOfAListedImageIsFound(String reference, String url) {
        assertEquals(Optional.of(url), CATALOGUE.url(reference));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"busybox", "busybox:1.35", "other/app", "my.reg:5000/x", "http://files/busybox.tar", "", " "})
    void otherImagesAreNotListed(String reference) {
        assertTrue(CATALOGUE.url(reference).isEmpty());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "busybox,                          busybox:latest",
            "docker.io/library/busybox,        busybox:latest",
            "localhost:5000/app,               localhost:5000/app:latest",
            "busybox@sha256:abc,               busybox@sha256:abc",
            "docker.io/library/busybox:1@sha256:abc, busybox:1@sha256:abc"})
    void canonicalForm(String reference, String canonical) {
        assertEquals(canonical, DockerImageCatalogue.canonical(reference));
    }

    @Test
    void blankIsEmpty() {
        assertEquals(Map.of(), DockerImageCatalogue.parse(null).entries());
        assertEquals(Map.of(), DockerImageCatalogue.parse("  ").entries());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "busybox                                    | expected REF=URL",
            "=http://x/a.tar                            | expected REF=URL",
            "busybox=                                   | expected REF=URL",
            "busybox=/srv/busybox.tar                   | http or https",
            "docker:///busybox=http://x/a.tar           | scheme",
            "busybox=http://x/a.tar,busybox:latest=http://x/b.tar | listed twice"})
    void badSettingsNameTheEntry(String setting, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DockerImageCatalogue.parse(setting));
        assertTrue(e.getMessage().startsWith("diego.stager.docker-images: entry '"), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
