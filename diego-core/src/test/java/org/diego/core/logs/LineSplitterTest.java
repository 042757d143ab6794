package org.diego.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splitsOnNewlinesAndKeepsThePartialLastLine() {
        LineSplitter splitter = new LineSplitter();
        assertEquals(List.of("one", "two"), splitter.feed(utf8("one\ntwo\nthr")));
        assertEquals(3, splitter.pending());
        assertEquals(List.of("three"), splitter.feed(utf8("ee\n")));
        assertEquals(List.of(), splitter.flush());
    }

    @Test
    void carriageReturnsEndLinesAndEmptyLinesAreNotSentAsInDiego() {
        LineSplitter splitter = new LineSplitter();
        assertEquals(List.of("a", "b", "c"), splitter.feed(utf8("a\r\n\nb\rc\n")));
    }

    @Test
    void flushEmitsThePartialLine() {
        LineSplitter splitter = new LineSplitter();
        splitter.feed(utf8("no end"));
        assertEquals(List.of("no end"), splitter.flush());
        assertEquals(0, splitter.pending());
    }

    @Test
    void cutsOverLongLines() {
        LineSplitter splitter = new LineSplitter(4);
        assertEquals(List.of("abcd", "efgh"), splitter.feed(utf8("abcdefghi")));
        assertEquals(List.of("ij"), splitter.feed(utf8("j\n")));
    }

    @Test
    void neverCutsInsideAUtf8Character() {
        LineSplitter splitter = new LineSplitter(4);
        // "ab" + é (2 bytes) + "€" (3 bytes): the cut falls inside €, so it moves before it.
        List<String> lines = new ArrayList<>(splitter.feed(utf8("abé€\n")));
        assertEquals(List.of("abé", "€"), lines);
    }

    @Test
    void chunksMayEndInsideACharacter() {
        LineSplitter splitter = new LineSplitter();
        byte[] bytes = utf8("é\n");
        assertEquals(List.of(), splitter.feed(bytes, 0, 1));
        assertEquals(List.of("é"), splitter.feed(bytes, 1, 2));
    }

    @Test
    void rejectsATinyLimit() {
        assertThrows(IllegalArgumentException.class, () -> new LineSplitter(3));
    }
}
