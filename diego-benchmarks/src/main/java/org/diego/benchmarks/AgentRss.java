package org.diego.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole cell agent's memory with N running containers (issue 7), against the running cluster: desires
 * one LRP of N instances ({@code sleep} as vcap, 16 MB each, one port as most LRPs have) carrying a placement tag that only the measured
 * agent has, waits until all are RUNNING and 10 s more, then samples the agent's {@code VmRSS}, {@code VmHWM}
 * and thread count from {@code /proc/<pid>/status} every second for {@code settleSeconds} and prints the
 * last and the highest; then removes the LRP and waits until its instances are gone. The agent is started
 * by hand (see docs/14) with the JVM options under test, a {@code --containers} limit ≥ N and the tag.
 *
 * <pre>java -cp diego-benchmarks/target/benchmarks.jar org.diego.benchmarks.AgentRss \
 *     agentPid [count=250 tag=rss api=http://127.0.0.1:28080 settleSeconds=30]</pre>
 */
public final class AgentRss {
        private static final Pattern RUNNING = Pattern.compile("\"state\":\"RUNNING\"");

    private AgentRss() {
    }

    public static void main(String[] args) throws Exception {
        long pid = Long.parseLong(args[0]);
        int count = Integer.parseInt(args.length > 1 ? args[1] : "250");
        String tag = args.length > 2 ? args[2] : "rss";
        String api = args.length > 3 ? args[3] : "http://127.0.0.1:28080";
        int settle = Integer.parseInt(args.length > 4 ? args[4] : "30");
        Path status = Path.of("/proc", Long.toString(pid), "status");
        HostConditions.print();
        System.out.printf("agent pid %d before: VmRSS %d kB, threads %d%n", pid,
                ProcStatus.field(status, "VmRSS"), ProcStatus.field(status, "Threads"));
        String guid = "agent-rss-" + Long.toHexString(System.nanoTime());
        String body = """
                {"desired_lrp": {"process_guid": "%s", "domain": "agent-rss", "rootfs": "preloaded:cflinuxfs4",
                 "instances": %d, "memory_mb": 16, "disk_mb": 16, "ports": [8080], "placement_tags": ["%s"],
                 "action": {"run": {"path": "/bin/sh", "args": ["-c", "exec sleep 36000"], "user": "vcap"}}}}
                """.formatted(guid, count, tag);
        long t0 = System.nanoTime();
        String answer = DesireToRunning.post(api, "/v1/desired_lrp/desire.r2", body);
        if (answer.contains("\"type\"")) {
            throw new IllegalStateException(answer);
        }
        try {
            int running = 0;
            while (running < count) {
                Thread.sleep(1000);
                running = running(api, guid);
                if (System.nanoTime() - t0 > Duration.ofMinutes(15).toNanos()) {
                    throw new IllegalStateException("only " + running + " of " + count + " RUNNING after 15 min");
                }
            }
            System.out.printf("%d RUNNING after %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
            Thread.sleep(10_000);
            long maxRss = 0;
            long rss = 0;
            for (int i = 0; i < settle; i++) {
                rss = ProcStatus.field(status, "VmRSS");
                maxRss = Math.max(maxRss, rss);
                Thread.sleep(1000);
            }
            System.out.printf("agent with %d running containers: VmRSS %d kB (highest over %d s: %d kB), VmHWM %d kB,"
                            + " threads %d%n", count, rss, settle, maxRss, ProcStatus.field(status, "VmHWM"),
                    ProcStatus.field(status, "Threads"));
        } finally {
            DesireToRunning.post(api, "/v1/desired_lrp/remove", "{\"process_guid\":\"" + guid + "\"}");
            long t1 = System.nanoTime();
            while (DesireToRunning.post(api, "/v1/actual_lrps/list", "{\"process_guid\":\"" + guid + "\"}").contains(guid)
                    && System.nanoTime() - t1 < Duration.ofMinutes(10).toNanos()) {
                Thread.sleep(1000);
            }
            System.out.printf("removed in %.1f s; agent VmRSS %d kB%n", (System.nanoTime() - t1) / 1e9,
                    ProcStatus.field(status, "VmRSS"));
        }
    }

    private static int running(String api, String guid) throws Exception {
        Matcher m = RUNNING.matcher(DesireToRunning.post(api, "/v1/actual_lrps/list", "{\"process_guid\":\"" + guid + "\"}"));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
