package org.diego.core.model;

/** Which of up to three rows for one index this is; the skeleton only uses ORDINARY. */
public enum Presence {
    ORDINARY, EVACUATING, SUSPECT
}
