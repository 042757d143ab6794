-- BBS schema: desired LRPs, actual LRPs (one row per index and presence), cell presences.
CREATE TABLE desired_lrps (
    process_guid           VARCHAR(255) NOT NULL,
    domain                 VARCHAR(255) NOT NULL,
    instances              INT          NOT NULL,
    memory_mb              INT          NOT NULL,
    disk_mb                INT          NOT NULL,
    rootfs                 VARCHAR(1024) NOT NULL,
    placement_tags         TEXT         NOT NULL,
    run_info               MEDIUMTEXT   NOT NULL,
    modification_tag_epoch VARCHAR(64)  NOT NULL,
    modification_tag_index INT          NOT NULL,
    PRIMARY KEY (process_guid),
    KEY desired_lrps_domain (domain)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE actual_lrps (
    process_guid           VARCHAR(255) NOT NULL,
    instance_index         INT          NOT NULL,
    presence               INT          NOT NULL,
    domain                 VARCHAR(255) NOT NULL,
    state                  VARCHAR(16)  NOT NULL,
    instance_guid          VARCHAR(255) NOT NULL DEFAULT '',
    cell_id                VARCHAR(255) NOT NULL DEFAULT '',
    net_info               TEXT         NOT NULL,
    crash_count            INT          NOT NULL DEFAULT 0,
    crash_reason           VARCHAR(1024) NOT NULL DEFAULT '',
    placement_error        VARCHAR(1024) NOT NULL DEFAULT '',
    since                  BIGINT       NOT NULL,
    modification_tag_epoch VARCHAR(64)  NOT NULL,
    modification_tag_index INT          NOT NULL,
    PRIMARY KEY (process_guid, instance_index, presence),
    KEY actual_lrps_cell_id (cell_id),
    KEY actual_lrps_domain (domain),
    KEY actual_lrps_state (state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE cell_presences (
    cell_id    VARCHAR(255) NOT NULL,
    presence   TEXT         NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (cell_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
