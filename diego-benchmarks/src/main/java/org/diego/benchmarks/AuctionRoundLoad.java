package org.diego.benchmarks;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.diego.core.json.Json;
import org.diego.core.messages.CellHeartbeat;
import org.diego.core.messages.CellStateReport;
import org.diego.core.messages.Destinations;
import org.diego.core.messages.LrpWork;
import org.diego.core.messages.MessageType;
import org.diego.core.model.CellPresence;

/**
 * End-to-end auction round of issue 5 against the running cluster: C simulated cells (in this JVM)
 * heart-beat and answer {@code cell_state_request} over the real broker; one DesiredLRP with N
 * instances is desired over HTTP; the clock stops when the cells have received work for all N
 * (desire → BBS → auction queue → state from every cell → placement → work sent). The simulated
 * cells never claim, so nothing runs; the LRP is removed at the end.
 *
 * <pre>java -cp diego-benchmarks/target/benchmarks.jar:diego-cell-agent/target/lib/imq.jar \
 *     org.diego.benchmarks.AuctionRoundLoad [cells instances broker api]</pre>
 */
public final class AuctionRoundLoad {
    private AuctionRoundLoad() {
    }

    public static void main(String[] args) throws Exception {
        int cells = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        String broker = args.length > 2 ? args[2] : "mq://127.0.0.1:27676";
        String api = args.length > 3 ? args[3] : "http://127.0.0.1:28080";

        ConnectionFactory cf = (ConnectionFactory) Class.forName("com.sun.messaging.ConnectionFactory").getConstructor().newInstance();
        cf.getClass().getMethod("setProperty", String.class, String.class).invoke(cf, "imqAddressList", broker);
        AtomicInteger worked = new AtomicInteger();
        AtomicInteger stateRequests = new AtomicInteger();
        CountDownLatch allWorked = new CountDownLatch(1);
        List<JMSContext> contexts = new ArrayList<>();
        List<CellPresence> presences = new ArrayList<>();
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
        try (JMSContext root = cf.createContext()) {
            root.setAutoStart(false);
            for (int i = 0; i < cells; i++) {
                CellPresence presence = new CellPresence("sim-" + i, "127.0.0.1", "z" + (i % 2),
                        new CellPresence.CellCapacity(1_000_000, 1_000_000, 10_000),
                        List.of(new CellPresence.RootfsProvider("preloaded", List.of("sim"))), List.of(), List.of(), "");
                presences.add(presence);
                JMSContext ctx = root.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                contexts.add(ctx);
                JMSProducer replies = ctx.createProducer();
                ctx.createConsumer(ctx.createQueue(Destinations.cellQueue(presence.cellId()))).setMessageListener(m ->
                        onMessage(m, presence, replies, worked, stateRequests, instances, allWorked));
            }
            JMSContext hb = root.createContext(JMSContext.AUTO_ACKNOWLEDGE);
            heartbeats.scheduleAtFixedRate(() -> presences.forEach(p -> hb.createProducer()
                    .setProperty(Destinations.TYPE_PROPERTY, MessageType.CELL_HEARTBEAT.wireName())
                    .setTimeToLive(15_000).send(hb.createQueue(Destinations.BBS_QUEUE), Json.write(new CellHeartbeat(p)))),
                    0, 3, TimeUnit.SECONDS);
            root.start();
            Thread.sleep(6_000); // presences land

            String guid = "auction-load-" + System.currentTimeMillis();
            long t0 = System.nanoTime();
            String answer = post(api, "/v1/desired_lrp/desire.r2", "{\"desired_lrp\": {\"process_guid\": \"" + guid
                    + "\", \"domain\": \"bench\", \"rootfs\": \"preloaded:sim\", \"instances\": " + instances
                    + ", \"memory_mb\": 64, \"disk_mb\": 64, \"action\": {\"run\": {\"path\": \"/bin/true\"}}}}");
            long desired = System.nanoTime();
            boolean done = allWorked.await(120, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            System.out.printf("desire answered in %d ms (%s); work for %d/%d instances on %d simulated cells %s %d ms"
                            + " after the desire (%d state requests answered)%n", (desired - t0) / 1_000_000, answer,
                    worked.get(), instances, cells, done ? "received" : "NOT all received", (t1 - t0) / 1_000_000,
                    stateRequests.get());
            post(api, "/v1/desired_lrp/remove", "{\"process_guid\": \"" + guid + "\"}");
        } finally {
            heartbeats.shutdownNow();
            contexts.forEach(JMSContext::close);
        }
    }

    private static void onMessage(Message m, CellPresence presence, JMSProducer replies, AtomicInteger worked,
                                  AtomicInteger stateRequests, int instances, CountDownLatch allWorked) {
        try {
            String type = m.getStringProperty(Destinations.TYPE_PROPERTY);
            if (MessageType.CELL_STATE_REQUEST.wireName().equals(type) && m.getJMSReplyTo() != null) {
                stateRequests.incrementAndGet();
                CellStateReport.Resources total = new CellStateReport.Resources(1_000_000, 1_000_000, 10_000);
                CellStateReport report = new CellStateReport(presence.cellId(), "127.0.0.1", presence.zone(), total, total,
                        0, List.of(), presence.rootfsProviders(), List.of(), List.of(), List.of(), false, 0);
                replies.setJMSCorrelationID(m.getJMSMessageID())
                        .setProperty(Destinations.TYPE_PROPERTY, MessageType.CELL_STATE.wireName())
                        .send(m.getJMSReplyTo(), Json.write(report));
            } else if (MessageType.LRP_WORK.wireName().equals(type)) {
                LrpWork work = Json.read(((TextMessage) m).getText(), LrpWork.class);
                if (worked.addAndGet(work.lrps().size()) >= instances) {
                    allWorked.countDown();
                }
            }
        } catch (Exception e) {
            System.err.println(presence.cellId() + ": " + e);
        }
    }

    private static String post(String api, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
