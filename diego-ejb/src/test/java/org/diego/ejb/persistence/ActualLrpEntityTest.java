package org.diego.ejb.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.diego.core.json.Json;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpInternalRoute;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.ModificationTag;
import org.diego.core.model.NetInfo;
import org.diego.core.model.PortMapping;
import org.diego.core.model.Presence;
import org.diego.core.model.RestartPolicy;
import org.diego.core.model.RunningInfo;
import org.junit.jupiter.api.Test;

/** The projection read ({@link ActualLrpEntity#toModel(Object[])}) maps rows exactly as the entity read did. */
class ActualLrpEntityTest {
    private static List<ActualLrp> rows() {
        List<ActualLrp> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ActualLrpKey key = new ActualLrpKey("pg-" + i, i % 4, "d");
            InstanceKey owner = new InstanceKey("ig-" + i, "cell-" + i % 3);
            NetInfo net = new NetInfo("10.0.0." + i, List.of(new PortMapping(8080, 61000 + i)), "10.1.0." + i);
            ActualLrp unclaimed = ActualLrp.unclaimed(key, 10L + i, "ep");
            out.add(switch (i % 6) {
                case 0 -> unclaimed;
                case 1 -> unclaimed.failPlacement("insufficient resources");
                case 2 -> unclaimed.claim(owner, 20L);
                case 3 -> unclaimed.claim(owner, 20L).start(owner, net, Long.MAX_VALUE - i);
                case 4 -> unclaimed.claim(owner, 20L).start(owner, net, 30L).crash(owner, "exit 1", 40L, RestartPolicy.DEFAULT);
                default -> ActualLrp.evacuating(key, owner, new RunningInfo(net,
                        List.of(new ActualLrpInternalRoute("h" + i + ".apps.internal")), Map.of("k", "v" + i),
                        i % 2 == 0, "z1"), 50L, "ev");
            });
        }
        return out;
    }

    /** The mapping as it was before the projection read (every JSON column parsed). */
    @SuppressWarnings("unchecked")
    private static ActualLrp before(Object[] c) {
        NetInfo net = Json.read((String) c[7], NetInfo.class);
        String routes = (String) c[14];
        String tags = (String) c[15];
        return new ActualLrp((String) c[0], (Integer) c[1], (String) c[3], (String) c[5], (String) c[6], net.address(),
                net.ports(), net.instanceAddress(), net.preferredAddress(), net.instanceIpv6Address(), (Integer) c[8],
                (String) c[9], ActualLrpState.valueOf((String) c[4]), (String) c[10], (Long) c[11],
                new ModificationTag((String) c[12], (Integer) c[13]), Presence.values()[(Integer) c[2]],
                routes == null ? List.of() : Arrays.asList(Json.read(routes, ActualLrpInternalRoute[].class)),
                tags == null ? Map.of() : (Map<String, String>) Json.read(tags, Map.class), (Boolean) c[16],
                (String) c[17]);
    }

    @Test
    void projectedRowsMapAsEntitiesDid() {
        for (ActualLrp lrp : rows()) {
            Object[] columns = ActualLrpEntity.of(lrp).columns();
            assertEquals(before(columns), ActualLrpEntity.toModel(columns));
            assertEquals(ActualLrpEntity.of(lrp).toModel(), ActualLrpEntity.toModel(columns));
        }
    }

    @Test
    void nullJsonColumnsAndNumericBooleansRead() {
        Object[] columns = ActualLrpEntity.of(rows().get(3)).columns();
        columns[14] = null;
        columns[15] = null;
        assertEquals(before(columns), ActualLrpEntity.toModel(columns));
        Object[] widened = columns.clone();
        widened[1] = 3L;
        widened[16] = 1;
        ActualLrp read = ActualLrpEntity.toModel(widened);
        assertEquals(3, read.index());
        assertEquals(Boolean.TRUE, read.routable());
    }

    @Test
    void columnsNameEveryAttributeInOrder() throws ReflectiveOperationException {
        ActualLrpEntity entity = ActualLrpEntity.of(rows().get(5));
        String[] names = ActualLrpEntity.COLUMNS.split(",");
        Object[] values = entity.columns();
        assertEquals(Arrays.stream(ActualLrpEntity.class.getDeclaredFields())
                .filter(f -> !java.lang.reflect.Modifier.isStatic(f.getModifiers())).count(), names.length);
        assertEquals(names.length, values.length);
        for (int i = 0; i < names.length; i++) {
            java.lang.reflect.Field f = ActualLrpEntity.class.getDeclaredField(names[i].trim().substring(2));
            f.setAccessible(true);
            assertEquals(f.get(entity), values[i], names[i]);
        }
    }
}
