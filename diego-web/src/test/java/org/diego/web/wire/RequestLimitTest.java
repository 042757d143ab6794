package org.diego.web.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.junit.jupiter.api.Test;

class RequestLimitTest {
    final RequestLimit limit = new RequestLimit(100);

    @Test
    void aBodyWithinTheLimitIsReadWhole() throws Exception {
        byte[] body = new byte[100];
        assertArrayEquals(body, limit.read(new ByteArrayInputStream(body), "100"));
        assertArrayEquals(body, limit.read(new ByteArrayInputStream(body), null));
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedUnread() {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };
        DiegoException e = assertThrows(DiegoException.class, () -> limit.read(untouchable, "101"));
        assertEquals(ErrorType.InvalidRequest, e.type());
    }

    @Test
    void anEndlessBodyIsRefusedAfterTheLimit() {
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                served[0] += len;
                return len;
            }
        };
        assertEquals(ErrorType.InvalidRequest, assertThrows(DiegoException.class, () -> limit.read(endless, null)).type());
        assertTrue(served[0] <= 100 + 8192, "read " + served[0] + " bytes");
    }

    @Test
    void aLyingLengthDoesNotHelp() {
        assertThrows(DiegoException.class, () -> limit.read(new ByteArrayInputStream(new byte[500]), "10"));
    }

    @Test
    void theDefaultIsOneMebibyte() {
        assertEquals(1 << 20, RequestLimit.configured().maxBytes(), "no MicroProfile Config in unit tests");
        assertThrows(IllegalArgumentException.class, () -> new RequestLimit(0));
    }
}
