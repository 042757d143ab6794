package org.diego.core.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The event classes by Diego's event name, so an event can travel between instances as (name, JSON). */
public final class BbsEvents {
    private static final Map<String, Class<? extends BbsEvent>> TYPES = new ConcurrentHashMap<>(Map.of(
            DesiredLrpCreated.TYPE, DesiredLrpCreated.class,
            DesiredLrpChanged.TYPE, DesiredLrpChanged.class,
            DesiredLrpRemoved.TYPE, DesiredLrpRemoved.class,
            ActualLrpInstanceCreated.TYPE, ActualLrpInstanceCreated.class,
            ActualLrpInstanceChanged.TYPE, ActualLrpInstanceChanged.class,
            ActualLrpInstanceRemoved.TYPE, ActualLrpInstanceRemoved.class,
            ActualLrpCrashed.TYPE, ActualLrpCrashed.class));

    static {
        // Outside the Map.of above, which takes at most ten pairs, so later event kinds still fit.
        register(TaskCreated.TYPE, TaskCreated.class);
        register(TaskChanged.TYPE, TaskChanged.class);
        register(TaskRemoved.TYPE, TaskRemoved.class);
        register(ActualLrpCreated.TYPE, ActualLrpCreated.class);
        register(ActualLrpChanged.TYPE, ActualLrpChanged.class);
        register(ActualLrpRemoved.TYPE, ActualLrpRemoved.class);
    }

    private BbsEvents() {
    }

    /** Makes another event class known. */
    public static void register(String type, Class<? extends BbsEvent> eventClass) {
        TYPES.put(type, eventClass);
    }

    public static Class<? extends BbsEvent> classOf(String type) {
        Class<? extends BbsEvent> c = TYPES.get(type);
        if (c == null) {
            throw new IllegalArgumentException("unknown event type " + type);
        }
        return c;
    }
}
