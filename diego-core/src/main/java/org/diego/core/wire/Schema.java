package org.diego.core.wire;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diego.core.wire.proto.ActionsProto;
import org.diego.core.wire.proto.ActualLrpProto;
import org.diego.core.wire.proto.ActualLrpRequestsProto;
import org.diego.core.wire.proto.CachedDependencyProto;
import org.diego.core.wire.proto.CellsProto;
import org.diego.core.wire.proto.CertificatePropertiesProto;
import org.diego.core.wire.proto.CheckDefinitionProto;
import org.diego.core.wire.proto.DesiredLrpProto;
import org.diego.core.wire.proto.DesiredLrpRequestsProto;
import org.diego.core.wire.proto.DomainProto;
import org.diego.core.wire.proto.EnvironmentVariablesProto;
import org.diego.core.wire.proto.ErrorProto;
import org.diego.core.wire.proto.EvacuationProto;
import org.diego.core.wire.proto.EventsProto;
import org.diego.core.wire.proto.FileProto;
import org.diego.core.wire.proto.ImageLayerProto;
import org.diego.core.wire.proto.LogRateLimitProto;
import org.diego.core.wire.proto.MetricTagsProto;
import org.diego.core.wire.proto.ModificationTagProto;
import org.diego.core.wire.proto.NetworkProto;
import org.diego.core.wire.proto.PingProto;
import org.diego.core.wire.proto.SecurityGroupProto;
import org.diego.core.wire.proto.SidecarProto;
import org.diego.core.wire.proto.TaskProto;
import org.diego.core.wire.proto.TaskRequestsProto;
import org.diego.core.wire.proto.VolumeMountProto;

/** Diego's protobuf schema (package {@code models}) as compiled from src/main/proto, by message name. */
public final class Schema {
    /** Every file of the schema; a file missing here would make its messages unknown to the bridge. */
    public static final List<FileDescriptor> FILES = List.of(
            ActionsProto.getDescriptor(), ActualLrpProto.getDescriptor(), ActualLrpRequestsProto.getDescriptor(),
            CachedDependencyProto.getDescriptor(), CellsProto.getDescriptor(), CertificatePropertiesProto.getDescriptor(),
            CheckDefinitionProto.getDescriptor(), DesiredLrpProto.getDescriptor(), DesiredLrpRequestsProto.getDescriptor(),
            DomainProto.getDescriptor(), EnvironmentVariablesProto.getDescriptor(), ErrorProto.getDescriptor(),
            EvacuationProto.getDescriptor(), EventsProto.getDescriptor(), FileProto.getDescriptor(),
            ImageLayerProto.getDescriptor(), LogRateLimitProto.getDescriptor(), MetricTagsProto.getDescriptor(),
            ModificationTagProto.getDescriptor(), NetworkProto.getDescriptor(), PingProto.getDescriptor(),
            SecurityGroupProto.getDescriptor(), SidecarProto.getDescriptor(), TaskProto.getDescriptor(),
            TaskRequestsProto.getDescriptor(), VolumeMountProto.getDescriptor());

    private static final Map<String, Descriptor> MESSAGES = index();

    private Schema() {
    }

    private static Map<String, Descriptor> index() {
        Map<String, Descriptor> byName = new LinkedHashMap<>();
        for (FileDescriptor file : FILES) {
            for (Descriptor message : file.getMessageTypes()) {
                byName.put(message.getName(), message);
            }
        }
        return Collections.unmodifiableMap(byName);
    }

    /** The message called {@code name} in Diego's schema, e.g. {@code "DesireLRPRequest"}. */
    public static Descriptor message(String name) {
        Descriptor d = MESSAGES.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no message " + name + " in Diego's schema");
        }
        return d;
    }

    /** All top-level messages, in file order. */
    public static Collection<Descriptor> messages() {
        return MESSAGES.values();
    }
}
