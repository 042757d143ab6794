package org.diego.ejb.bridge.files;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Droplets and build caches in the cluster's database (tables of V8), in 1 MiB chunks: every
 * instance reaches the database, so any instance serves a blob another one received, without a
 * shared filesystem to mount and back up. A put replaces the blob in one transaction; a read takes
 * one chunk per call, so a large blob is never held whole in memory or in one transaction.
 */
@Stateless
public class Blobstore {
    @Resource(lookup = "jdbc/diego")
    DataSource dataSource;
    @Inject
    Clock clock;

    /**
     * Stores (or replaces) {@code key} with the stream's bytes, in one local transaction at READ
     * COMMITTED: at MySQL's default REPEATABLE READ the delete of a key that is not there takes a gap
     * lock, and two puts of different keys (a droplet and a build cache arrive together) deadlock.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public BlobInfo put(String key, String contentType, InputStream in) {
        try (Connection c = dataSource.getConnection()) {
            int isolation = c.getTransactionIsolation();
            boolean autoCommit = c.getAutoCommit();
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(false);
            try {
                BlobInfo info = replace(c, key, contentType, in);
                c.commit();
                return info;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
                c.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store blob " + key + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store blob " + key, e);
        }
    }

    private BlobInfo replace(Connection c, String key, String contentType, InputStream in) throws SQLException, IOException {
        delete(c, key);
        BlobInfo info;
        try (PreparedStatement chunk = c.prepareStatement(
                "INSERT INTO bridge_blob_chunks (blob_key, chunk_index, data) VALUES (?, ?, ?)")) {
            info = BlobChunker.split(key, contentType, in, (index, bytes) -> {
                try {
                    chunk.setString(1, key);
                    chunk.setInt(2, index);
                    chunk.setBytes(3, bytes);
                    chunk.executeUpdate();
                } catch (SQLException e) {
                    throw new IOException(e);
                }
            });
        }
        try (PreparedStatement meta = c.prepareStatement("INSERT INTO bridge_blobs (blob_key, size, md5, content_type,"
                + " chunk_count, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            meta.setString(1, key);
            meta.setLong(2, info.size());
            meta.setString(3, info.md5());
            meta.setString(4, info.contentType());
            meta.setInt(5, info.chunkCount());
            meta.setLong(6, clock.millis());
            meta.executeUpdate();
        }
        return info;
    }

    public Optional<BlobInfo> info(String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT size, md5, content_type, chunk_count FROM bridge_blobs WHERE blob_key = ?")) {
            q.setString(1, key);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(new BlobInfo(key, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read blob " + key + ": " + e.getMessage(), e);
        }
    }

    /** Chunk {@code index} of {@code key}, or null when it is gone (replaced or deleted meanwhile). */
    public byte[] chunk(String key, int index) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT data FROM bridge_blob_chunks WHERE blob_key = ? AND chunk_index = ?")) {
            q.setString(1, key);
            q.setInt(2, index);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read blob " + key + ": " + e.getMessage(), e);
        }
    }

    public boolean delete(String key) {
        try (Connection c = dataSource.getConnection()) {
            return delete(c, key);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete blob " + key + ": " + e.getMessage(), e);
        }
    }

    private static boolean delete(Connection c, String key) throws SQLException {
        try (PreparedStatement chunks = c.prepareStatement("DELETE FROM bridge_blob_chunks WHERE blob_key = ?");
             PreparedStatement meta = c.prepareStatement("DELETE FROM bridge_blobs WHERE blob_key = ?")) {
            chunks.setString(1, key);
            chunks.executeUpdate();
            meta.setString(1, key);
            return meta.executeUpdate() > 0;
        }
    }
}
