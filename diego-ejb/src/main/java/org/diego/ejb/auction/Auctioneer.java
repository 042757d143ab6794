package org.diego.ejb.auction;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import org.diego.ejb.cluster.Fence;
import org.diego.ejb.cluster.RoleTimer;
import org.diego.ejb.config.DiegoConfig;

/** The auctioneer: on the holder of the "auctioneer" role, one {@link AuctionRound} per tick. */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Auctioneer extends RoleTimer {
    public static final String ROLE = "auctioneer";

    @Inject
    DiegoConfig config;
    @Inject
    AuctionRound round;

    @Override
    protected String role() {
        return ROLE;
    }

    @Override
    protected Duration interval() {
        return config.auctionInterval();
    }

    @Override
    protected Duration lease() {
        return config.lockTtl();
    }

    @Override
    protected void act(Fence fence) {
        round.run(fence);
    }
}
