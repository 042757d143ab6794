/**
 * BBS events (Diego's {@code desired_lrp_*}, {@code actual_lrp_instance_*}, {@code actual_lrp_crashed},
 * {@code task_*}, and the deprecated group events {@code actual_lrp_created|changed|removed}), computed
 * from before/after pairs by the beans that change state.
 */
package org.diego.core.events;
