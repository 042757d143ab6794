package org.diego.ejb.logs;

/** Where to start reading the last {@code limit} items of a ring buffer holding {@code head..tail}. */
final class RecentWindow {
    private RecentWindow() {
    }

    /** The first sequence to read; greater than {@code tail} when the buffer is empty. */
    static long start(long head, long tail, int limit) {
        return Math.max(head, tail - limit + 1);
    }
}
