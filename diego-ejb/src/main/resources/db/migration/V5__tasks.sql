-- Tasks, one row each, like Diego's tasks table. The definition is the client's JSON; the columns are
-- what the state machine changes and what listing and task convergence filter on. state holds Diego's
-- numbers (1 Pending, 2 Running, 3 Completed, 4 Resolving); times are nanoseconds since the epoch.
CREATE TABLE tasks (
    task_guid          VARCHAR(255)  NOT NULL,
    domain             VARCHAR(255)  NOT NULL,
    created_at         BIGINT        NOT NULL,
    updated_at         BIGINT        NOT NULL,
    first_completed_at BIGINT        NOT NULL DEFAULT 0,
    state              INT           NOT NULL,
    cell_id            VARCHAR(255)  NOT NULL DEFAULT '',
    result             MEDIUMTEXT,
    failed             BOOLEAN       NOT NULL DEFAULT FALSE,
    failure_reason     VARCHAR(1024) NOT NULL DEFAULT '',
    task_definition    MEDIUMTEXT    NOT NULL,
    rejection_count    INT           NOT NULL DEFAULT 0,
    rejection_reason   VARCHAR(1024) NOT NULL DEFAULT '',
    PRIMARY KEY (task_guid),
    KEY tasks_domain (domain),
    KEY tasks_cell_id (cell_id),
    KEY tasks_state (state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
