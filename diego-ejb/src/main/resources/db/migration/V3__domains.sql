-- Domains and their freshness: a domain is fresh until expires_at (ns); TTL 0 never expires.
CREATE TABLE domains (
    domain      VARCHAR(255) NOT NULL,
    ttl_seconds BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL,
    PRIMARY KEY (domain)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
