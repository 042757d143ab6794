package org.diego.core.api;

import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.model.Validation;

/** Diego's Validate rules for the keys the ActualLRP requests carry; each failure names the field by its path. */
final class Checks {
    static final String KEY = "actual_lrp_key";
    static final String INSTANCE_KEY = "actual_lrp_instance_key";
    static final String NET_INFO = "actual_lrp_net_info";

    private Checks() {
    }

    static void key(ActualLrpKey key) {
        Validation.required(KEY, key);
        Validation.required(KEY + ".process_guid", key.processGuid());
        Validation.nonNegative(KEY + ".index", key.index());
        Validation.required(KEY + ".domain", key.domain());
    }

    static void instanceKey(InstanceKey key) {
        Validation.required(INSTANCE_KEY, key);
        key.validate(INSTANCE_KEY + ".");
    }

    static void netInfo(NetInfo net) {
        Validation.required(NET_INFO, net);
        Validation.required(NET_INFO + ".address", net.address());
    }
}
