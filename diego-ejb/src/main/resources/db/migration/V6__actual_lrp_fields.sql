-- ActualLRP fields a cell reports with start.r1 and evacuate_running.r1. Routes and tags are JSON; a NULL
-- (rows written before this migration) reads as empty. Like Diego, routable is stored false until started.
ALTER TABLE actual_lrps
    ADD COLUMN internal_routes   TEXT         NULL,
    ADD COLUMN metric_tags       TEXT         NULL,
    ADD COLUMN routable          BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN availability_zone VARCHAR(255) NOT NULL DEFAULT '';

