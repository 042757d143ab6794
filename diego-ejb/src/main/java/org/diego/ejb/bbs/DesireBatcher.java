package org.diego.ejb.bbs;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.diego.core.concurrency.GroupCommit;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.Validation;
import org.diego.ejb.config.DiegoConfig;

/**
 * The desire route's way into {@link DesiredLrps}: desires arriving on this instance while another is
 * being written are written together in one transaction ({@link GroupCommit}), as a bulk of Cloud
 * Controller desires arrives. Each is validated first on its caller's thread, so a bad one never joins
 * a group; a group that meets a taken guid is written one by one, each answering for itself. Not for
 * callers already in a transaction (nsync's bulker): theirs would not be the transaction the desire runs in.
 */
@ApplicationScoped
public class DesireBatcher {
    @Inject
    DesiredLrps desired;
    @Inject
    DiegoConfig config;

    private GroupCommit<DesiredLrp, DesiredLrp> group;

    @PostConstruct
    void start() {
        group = new GroupCommit<>(Math.max(1, config.desireMaxGroup()), new GroupCommit.Writer<>() {
            @Override
            public Optional<List<DesiredLrp>> writeAll(List<DesiredLrp> lrps) {
                return desired.desireAll(lrps);
            }

            @Override
            public DesiredLrp writeOne(DesiredLrp lrp) {
                return desired.desire(lrp);
            }
        });
    }

    /** As {@link DesiredLrps#desire}: the stored LRP, or the refusal its own desire would have met. */
    public DesiredLrp desire(DesiredLrp requested) {
        Validation.required("desired_lrp", requested);
        requested.validate();
        return group.submit(requested);
    }
}
