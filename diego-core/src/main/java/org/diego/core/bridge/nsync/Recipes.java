package org.diego.core.bridge.nsync;

import java.util.ArrayList;
import java.util.List;
import org.diego.core.bridge.cc.CcVolumeMount;
import org.diego.core.json.Json;
import org.diego.core.model.CachedDependency;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.VolumeMount;

/** Diego's recipe constants and the small conversions both lifecycles share. */
public final class Recipes {
    public static final String APP_DOMAIN = "cf-apps";
    public static final String TASK_DOMAIN = "cf-tasks";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_FILE_DESCRIPTORS = 1024;
    public static final String LRP_LOG_SOURCE = "CELL";
    public static final String APP_LOG_SOURCE = "APP";
    public static final String HEALTH_LOG_SOURCE = "HEALTH";
    public static final String DEFAULT_LANG = "en_US.UTF-8";
    public static final String TRUSTED_CERTIFICATES_PATH = "/etc/cf-system-certificates";
    private static final int MIN_CPU_PROXY = 128;
    private static final int MAX_CPU_PROXY = 8192;

    private Recipes() {
    }

    /** Diego's cpu weight: memory as a share of 8 GiB, at least 128 MiB's worth, at most 100. */
    public static int cpuWeight(int memoryMb) {
        if (memoryMb > MAX_CPU_PROXY) {
            return 100;
        }
        return 100 * Math.max(memoryMb, MIN_CPU_PROXY) / MAX_CPU_PROXY;
    }

    /** The app's env, then PORT (first port) and, for buildpack apps, the deprecated VCAP_APP_PORT/HOST. */
    public static List<EnvironmentVariable> appEnv(List<EnvironmentVariable> ccEnv, List<Integer> ports,
                                                   boolean deprecated) {
        List<EnvironmentVariable> env = new ArrayList<>(ccEnv);
        if (!ports.isEmpty()) {
            String port = Integer.toString(ports.get(0));
            env.add(new EnvironmentVariable("PORT", port));
            if (deprecated) {
                env.add(new EnvironmentVariable("VCAP_APP_PORT", port));
            }
        }
        if (deprecated) {
            env.add(new EnvironmentVariable("VCAP_APP_HOST", "0.0.0.0"));
        }
        return env;
    }

    /** The lifecycle bundle as a cached dependency unpacked at the settings' lifecycle dir. */
    public static CachedDependency lifecycle(RecipeSettings settings, String lifecycle, String cacheKey) {
        return new CachedDependency("", settings.lifecycleUrl(lifecycle), settings.lifecycleDir(), cacheKey, "", null, null);
    }

    public static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    public static List<String> placementTags(String isolationSegment) {
        return isolationSegment == null || isolationSegment.isEmpty() ? List.of() : List.of(isolationSegment);
    }

    /** CC's mounts as the BBS's shared-device mounts; the mount config travels as JSON text. */
    public static List<VolumeMount> volumeMounts(List<CcVolumeMount> mounts) {
        List<VolumeMount> out = new ArrayList<>();
        for (CcVolumeMount m : mounts) {
            CcVolumeMount.Device d = m.device();
            String config = d == null || d.mountConfig() == null || d.mountConfig().isEmpty() ? ""
                    : Json.write(d.mountConfig());
            out.add(new VolumeMount(m.driver(), m.containerDir(), m.mode(),
                    new VolumeMount.SharedDevice(d == null ? "" : d.volumeId(), config), null));
        }
        return out;
    }
}
