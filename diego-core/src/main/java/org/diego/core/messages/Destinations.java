package org.diego.core.messages;

/** Physical JMS destination names, shared by the EAR and the cell agents. */
public final class Destinations {
    /** Cells to cluster: heartbeats and ActualLRP lifecycle requests (competing consumers across instances). */
    public static final String BBS_QUEUE = "diego.bbs";
    /** String property on every message naming its {@link MessageType} wire name. */
    public static final String TYPE_PROPERTY = "diego_type";

    private Destinations() {
    }

    /** Cluster to one cell: work and stop requests for that cell only. */
    public static String cellQueue(String cellId) {
        return "diego.cell." + cellId;
    }
}
