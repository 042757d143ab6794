package org.diego.cell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.diego.cell.executor.Resources;
import org.diego.core.model.CellPresence;
import org.diego.core.model.CellPresence.CellCapacity;
import org.diego.core.model.CellPresence.RootfsProvider;

/** Everything the agent is configured with, already parsed. */
public record CellAgentConfig(
        String cellId,
        String zone,
        String brokerUrl,
        String brokerUser,
        String brokerPassword,
        Path workDir,
        Resources capacity,
        Duration heartbeatInterval,
        List<String> placementTags,
        List<RootfsProvider> rootfsProviders,
        String address,
        Duration replyTimeout,
        Duration brokerConnectTimeout,
        Duration stopGrace,
        BackendOptions backend) {

    public CellAgentConfig {
        placementTags = List.copyOf(placementTags);
        rootfsProviders = List.copyOf(rootfsProviders);
        backend = backend == null ? BackendOptions.PROCESS : backend;
    }

    /** With the process backend. */
    public CellAgentConfig(String cellId, String zone, String brokerUrl, String brokerUser, String brokerPassword,
                           Path workDir, Resources capacity, Duration heartbeatInterval, List<String> placementTags,
                           List<RootfsProvider> rootfsProviders, String address, Duration replyTimeout,
                           Duration brokerConnectTimeout, Duration stopGrace) {
        this(cellId, zone, brokerUrl, brokerUser, brokerPassword, workDir, capacity, heartbeatInterval, placementTags,
                rootfsProviders, address, replyTimeout, brokerConnectTimeout, stopGrace, BackendOptions.PROCESS);
    }

    /**
     * What the cell announces. Capacity is the total, as in Diego's CellPresence (the auctioneer asks
     * for what is free separately). There is no rep HTTP endpoint: the cluster reaches the cell through
     * its queue, so rep_address is the cell's address and rep_url is empty.
     */
    public CellPresence presence() {
        return new CellPresence(cellId, address, zone,
                new CellCapacity(capacity.memoryMb(), capacity.diskMb(), capacity.containers()),
                rootfsProviders, placementTags, List.of(), "");
    }

    /**
     * Parses {@code name[:property[:property...]]} items, e.g. {@code preloaded:cflinuxfs4:busybox} and
     * {@code docker}: a preloaded provider lists its stacks, a scheme provider has none.
     */
    public static List<RootfsProvider> parseRootfsProviders(List<String> items) {
        List<RootfsProvider> providers = new ArrayList<>();
        for (String item : items) {
            if (item == null || item.isBlank()) {
                continue;
            }
            String[] parts = item.strip().split(":");
            if (parts[0].isBlank()) {
                throw new IllegalArgumentException("rootfs provider without a name: " + item);
            }
            List<String> properties = Arrays.stream(parts).skip(1).filter(p -> !p.isBlank()).toList();
            providers.add(new RootfsProvider(parts[0], properties));
        }
        return providers;
    }
}
