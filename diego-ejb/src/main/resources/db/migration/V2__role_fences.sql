-- Highest fencing token seen per cluster role (auctioneer, converger). A write made on behalf of a
-- role first raises the stored token to its own and is refused when a newer holder already wrote.
CREATE TABLE role_fences (
    role  VARCHAR(64) NOT NULL,
    token BIGINT      NOT NULL,
    PRIMARY KEY (role)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
