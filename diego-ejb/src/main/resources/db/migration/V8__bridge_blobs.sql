-- The CC-Bridge blobstore: droplets and build caches, so every instance can serve what any received.
-- Contents are split into chunks of at most 1 MiB, well under MariaDB's max_allowed_packet (16 MiB by
-- default), so no blob is ever one huge packet or held whole in memory. The blobs row is written last
-- in the same transaction, so a reader sees a blob whole or not at all.
CREATE TABLE bridge_blobs (
    blob_key     VARCHAR(255) NOT NULL,
    size         BIGINT       NOT NULL,
    md5          CHAR(32)     NOT NULL,
    content_type VARCHAR(255) NOT NULL,
    chunk_count  INT          NOT NULL,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (blob_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE bridge_blob_chunks (
    blob_key    VARCHAR(255) NOT NULL,
    chunk_index INT          NOT NULL,
    data        MEDIUMBLOB   NOT NULL,
    PRIMARY KEY (blob_key, chunk_index)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
