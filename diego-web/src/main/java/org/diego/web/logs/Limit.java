package org.diego.web.logs;

/** The {@code ?limit=} of the recent-lines route: absent means all kept lines, otherwise 1 or more. */
final class Limit {
    private Limit() {
    }

    /** The number of lines to answer with, or an IllegalArgumentException naming the parameter. */
    static int parse(String given, int capacity) {
        if (given == null || given.isBlank()) {
            return capacity;
        }
        int n;
        try {
            n = Integer.parseInt(given.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a positive integer, not '" + given + "'");
        }
        if (n <= 0) {
            throw new IllegalArgumentException("limit must be a positive integer, not " + n);
        }
        return Math.min(n, capacity);
    }
}
