package org.diego.core.model;

/** Diego's ActualLRP states. */
public enum ActualLrpState {
    UNCLAIMED, CLAIMED, RUNNING, CRASHED
}
