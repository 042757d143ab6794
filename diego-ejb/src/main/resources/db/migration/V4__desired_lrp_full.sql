-- DesiredLRPs stored the way Diego stores them: the scheduling info in columns (what the auctioneer,
-- convergence and the route emitter read), the run info as one JSON blob (what a cell needs), and
-- routes, metric tags and the update strategy beside it so that an update rewrites only its columns.
ALTER TABLE desired_lrps
    ADD COLUMN log_guid         VARCHAR(255) NOT NULL DEFAULT '' AFTER domain,
    ADD COLUMN annotation       TEXT         NULL AFTER log_guid,
    ADD COLUMN max_pids         INT          NOT NULL DEFAULT 0 AFTER disk_mb,
    ADD COLUMN routes           MEDIUMTEXT   NULL,
    ADD COLUMN volume_placement TEXT         NULL,
    ADD COLUMN metric_tags      TEXT         NULL,
    ADD COLUMN update_strategy  INT          NOT NULL DEFAULT 0;

-- Rows desired before this version kept the whole DesiredLRP in run_info: lift the annotation and
-- max_pids out of it. The old blob stays readable as a run info (its extra fields are ignored).
UPDATE desired_lrps SET
    annotation       = COALESCE(JSON_UNQUOTE(JSON_EXTRACT(run_info, '$.annotation')), ''),
    max_pids         = COALESCE(CAST(JSON_EXTRACT(run_info, '$.max_pids') AS SIGNED), 0),
    routes           = '{}',
    volume_placement = '{"driver_names":[]}',
    metric_tags      = '{}';

ALTER TABLE desired_lrps
    MODIFY annotation       TEXT       NOT NULL,
    MODIFY routes           MEDIUMTEXT NOT NULL,
    MODIFY volume_placement TEXT       NOT NULL,
    MODIFY metric_tags      TEXT       NOT NULL;
