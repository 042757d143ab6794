package org.diego.ejb.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.diego.core.auction.AuctionConfig;
import org.diego.core.convergence.TaskConvergenceConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The cluster's tunables. Each is a MicroProfile Config property, so an operator sets it as a system
 * property on the deployment group's config ({@code asadmin create-system-properties}) and tests
 * shrink it the same way. Defaults are Diego's.
 */
@ApplicationScoped
public class DiegoConfig {
    @Inject @ConfigProperty(name = "diego.cell.presence-ttl-seconds", defaultValue = "15")
    long presenceTtlSeconds;
    @Inject @ConfigProperty(name = "diego.convergence.interval-seconds", defaultValue = "30")
    long convergenceIntervalSeconds;
    @Inject @ConfigProperty(name = "diego.convergence.stale-unclaimed-seconds", defaultValue = "30")
    long staleUnclaimedSeconds;
    @Inject @ConfigProperty(name = "diego.convergence.kick-task-seconds", defaultValue = "30")
    long kickTaskSeconds;
    @Inject @ConfigProperty(name = "diego.convergence.expire-pending-task-seconds", defaultValue = "1800")
    long expirePendingTaskSeconds;
    @Inject @ConfigProperty(name = "diego.convergence.expire-completed-task-seconds", defaultValue = "120")
    long expireCompletedTaskSeconds;
    @Inject @ConfigProperty(name = "diego.auction.interval-millis", defaultValue = "200")
    long auctionIntervalMillis;
    @Inject @ConfigProperty(name = "diego.auction.max-batch", defaultValue = "1000")
    int auctionMaxBatch;
    @Inject @ConfigProperty(name = "diego.auction.drain-jms-queue", defaultValue = "true")
    boolean auctionDrainJmsQueue;
    @Inject @ConfigProperty(name = "diego.bbs.desire-max-group", defaultValue = "64")
    int desireMaxGroup;
    @Inject @ConfigProperty(name = "diego.lock.ttl-seconds", defaultValue = "15")
    long lockTtlSeconds;
    @Inject @ConfigProperty(name = "diego.auction.cell-state-timeout-millis", defaultValue = "10000")
    long cellStateTimeoutMillis;
    @Inject @ConfigProperty(name = "diego.auction.starting-container-weight", defaultValue = "0.25")
    double startingContainerWeight;
    @Inject @ConfigProperty(name = "diego.auction.bin-pack-first-fit-weight", defaultValue = "0.0")
    double binPackFirstFitWeight;
    @Inject @ConfigProperty(name = "diego.auction.starting-container-count-maximum", defaultValue = "0")
    int startingContainerCountMaximum;
    @Inject @ConfigProperty(name = "diego.auction.explanation-ttl-seconds", defaultValue = "600")
    long explanationTtlSeconds;
    @Inject @ConfigProperty(name = "diego.task.max-retries", defaultValue = "3")
    int taskMaxRetries;
    @Inject @ConfigProperty(name = "diego.task.callback-timeout-millis", defaultValue = "10000")
    long taskCallbackTimeoutMillis;

    public Duration presenceTtl() {
        return Duration.ofSeconds(presenceTtlSeconds);
    }

    public Duration convergenceInterval() {
        return Duration.ofSeconds(convergenceIntervalSeconds);
    }

    public Duration staleUnclaimed() {
        return Duration.ofSeconds(staleUnclaimedSeconds);
    }

    /**
     * Task convergence's durations (Diego's kick_task, expire_pending_task, expire_completed_task). A
     * negative one is refused when the pass reads it, so the task pass fails (and logs why) every tick.
     */
    public TaskConvergenceConfig taskConvergence() {
        return new TaskConvergenceConfig(Duration.ofSeconds(kickTaskSeconds), Duration.ofSeconds(expirePendingTaskSeconds),
                Duration.ofSeconds(expireCompletedTaskSeconds));
    }

    public Duration auctionInterval() {
        return Duration.ofMillis(auctionIntervalMillis);
    }

    /** How many desires that arrive together share one transaction (1: each desire its own). */
    public int desireMaxGroup() {
        return desireMaxGroup;
    }

    public int auctionMaxBatch() {
        return auctionMaxBatch;
    }

    /**
     * Whether each round also drains the JMS queue {@code diego.auction}, where requests went before they
     * moved to the data grid; turn off once it is empty, so an idle round enlists no broker session.
     */
    public boolean auctionDrainJmsQueue() {
        return auctionDrainJmsQueue;
    }

    public Duration lockTtl() {
        return Duration.ofSeconds(lockTtlSeconds);
    }

    /** How long the auctioneer waits for the cells' state replies (Diego's cell_state_timeout, 10 s). */
    public Duration cellStateTimeout() {
        return Duration.ofMillis(cellStateTimeoutMillis);
    }

    /** Diego's auctioneer scheduling knobs; an invalid value fails the round with the property named. */
    public AuctionConfig auctionConfig() {
        return new AuctionConfig(startingContainerWeight, binPackFirstFitWeight, startingContainerCountMaximum);
    }

    /** How long the last placement explanation of an unplaced instance is kept (not Diego). */
    public Duration explanationTtl() {
        return Duration.ofSeconds(explanationTtlSeconds);
    }

    /** Rejections a task survives before it fails (Diego's max_task_retries). */
    public int taskMaxRetries() {
        return taskMaxRetries;
    }

    /** Timeout of one completion callback POST (Diego uses its communication_timeout, 10 s). */
    public Duration taskCallbackTimeout() {
        return Duration.ofMillis(taskCallbackTimeoutMillis);
    }
}
