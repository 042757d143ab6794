package org.diego.ejb.bridge.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.diego.core.model.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BlobStorageTest {

    @ParameterizedTest
    @CsvSource({"0,0", "1,1", "4,1", "9,3", "12,3", "13,4"})
    void splitsIntoBoundedChunks(int size, int chunks) throws Exception {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) i;
        }
        List<byte[]> got = new ArrayList<>();
        BlobInfo info = BlobChunker.split("k", "t", new ByteArrayInputStream(data), (i, c) -> {
            assertEquals(got.size(), i);
            assertTrue(c.length <= 4 && c.length > 0);
            got.add(c);
        }, 4);
        assertEquals(chunks, info.chunkCount());
        assertEquals(size, info.size());
        assertEquals(LifecycleBundles.md5(data), info.md5());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        got.forEach(joined::writeBytes);
        assertArrayEquals(data, joined.toByteArray());
    }

    @Test
    void chunksAreOneMebibyte() {
        assertEquals(1 << 20, BlobChunker.CHUNK_SIZE);
    }

    @Test
    void keysAreGuidsInTheirFolders() {
        assertEquals("droplets/abc-1", BlobKeys.droplet("abc-1"));
        assertEquals("build_artifacts/app_2", BlobKeys.buildArtifacts("app_2"));
        assertEquals(Optional.of("droplets/abc"), BlobKeys.ofPath("droplets/abc"));
        assertThrows(ValidationException.class, () -> BlobKeys.droplet("../x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"droplets/", "droplets/../etc", "droplets/a/b", "other/abc", "build_artifacts/a.b", "droplets"})
    void otherPathsAreNoBlobs(String path) {
        assertTrue(BlobKeys.ofPath(path).isEmpty());
    }
}
