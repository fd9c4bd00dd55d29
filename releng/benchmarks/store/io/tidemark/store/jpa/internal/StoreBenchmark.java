/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.Address;
import io.tidemark.model.Envelope;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.Security;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.testing.PostgresServer;

/**
 * The store benchmark (not a test: it prints figures). Run by {@code store-benchmark.sh}, which puts the built
 * bundles on a plain class path; this class sits in the store's internal package to construct the store
 * without OSGi, as the store's own tests do.
 * <p>
 * Per backend: upsert 100,000 messages in windows of 1,000 (one transaction per window), the same again as
 * replacements, 1,000 flag changes, 500 scattered deletes, then fill the mailbox to 1,000,000 messages and read
 * pages of 100 by date. Time per phase and the peak heap of the phase.
 */
public final class StoreBenchmark {

    private static final AccountId ACCOUNT = AccountId.of("bench");
    private static final MailboxRef INBOX = new MailboxRef(ACCOUNT, MailboxName.INBOX);
    private static final Instant START = Instant.parse("2015-01-01T00:00:00Z");
    private static final int WINDOW = 1000;

    private final Random random = new Random(42);
    private final List<String[]> rows = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int upserts = 100_000;
        int total = 1_000_000;
        List<String> backends = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--messages=")) {
                total = Integer.parseInt(a.substring(11));
            } else {
                backends.add(a);
            }
        }
        if (backends.isEmpty()) {
            backends = List.of("h2", "postgresql");
        }
        System.out.printf(Locale.ROOT, "JVM %s, max heap %d MB, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        for (String b : backends) {
            new StoreBenchmark().run(b, upserts, total);
        }
    }

    private void run(String backend, int upserts, int total) throws Exception {
        Path dir = Files.createTempDirectory("tidemark-bench-");
        PostgresServer server = null;
        StoreSettings settings;
        if (backend.equals("h2")) {
            StoreSettings h2 = StoreSettings.h2(dir);
            // H2 answers a repeated identical query from its result cache while nothing changed: measure reads, not
            // the cache
            settings = new StoreSettings(h2.backend(), h2.jdbcUrl() + ";QUERY_CACHE_SIZE=0", h2.user(), h2.password(),
                    h2.folder(), h2.location(), h2.maxConnections());
        } else {
            server = PostgresServer.start();
            settings = StoreSettings.url(server.jdbcUrl(), server.user(), server.password(), 8);
        }
        JpaMailStore store = new JpaMailStore(settings);
        try {
            phase("open (create the schema)", () -> store.open());
            store.write(tx -> {
                tx.putAccount(AccountConfig.builder(ACCOUNT).host("127.0.0.1").port(143).security(Security.NONE)
                        .allowInsecure(true).user("bench").build());
                tx.putMailbox(new MailboxRecord(INBOX, '/', java.util.Set.of(), true, true));
                tx.putSyncState(INBOX, MailboxSyncState.initial(1));
                return null;
            });

            phase("upsert " + upserts + " new messages, windows of " + WINDOW, () -> fill(store, 1, upserts, false));
            phase("upsert the same " + upserts + " with new flags (a flag resync)",
                    () -> fill(store, 1, upserts, true));
            phase("upsert the same " + upserts + " unchanged (a no-change resync)",
                    () -> fill(store, 1, upserts, true));
            long[] flagged = random.longs(1000, 1, upserts + 1L).toArray();
            phase("1,000 flag changes (one transaction)", () -> store.write(tx -> {
                for (long uid : flagged) {
                    tx.updateFlags(INBOX, uid, Flags.of(SystemFlag.SEEN, SystemFlag.FLAGGED), 1_000_000 + uid);
                }
                return null;
            }));
            UidSet deleted = UidSet.of(random.longs(500, 1, upserts + 1L).toArray());
            phase(deleted.size() + " scattered deletes (one transaction)",
                    () -> store.write(tx -> tx.removeMessages(INBOX, deleted)));

            phase("for comparison: " + upserts + " new messages as entities (EntityManager.persist,"
                    + " EclipseLink batch writing), windows of " + WINDOW, () -> persistAsEntities(store, upserts));
            phase("fill to " + total + " messages", () -> fill(store, upserts + 1, total, false));
            if (backend.equals("postgresql")) {
                try (Connection c = store.openDatabase().connection(); Statement s = c.createStatement()) {
                    s.execute("ANALYZE tm_message"); // as autovacuum would have done by now
                }
            }
            pages(store, MessageOrder.DATE_DESC, 0);
            pages(store, MessageOrder.DATE_DESC, 10_000);
            pages(store, MessageOrder.DATE_ASC, 0);
            pages(store, MessageOrder.SENDER, 0);
            pages(store, MessageOrder.SUBJECT, 5_000);
            pages(store, MessageOrder.UID_DESC, 0);
            phase("counts() of " + total, () -> store.counts(INBOX));
            phase("scan 10,000 UIDs", () -> store.scan(INBOX, UidSet.range(500_000, 509_999), m -> true));
            if (backend.equals("h2")) {
                rows.add(new String[] { "database file before close", String.format(Locale.ROOT, "%d MB",
                        Files.size(dir.resolve("tidemark.mv.db")) >> 20), "" });
                phase("close (compacts a sparse file)", store::close);
                rows.add(new String[] { "database file after close", String.format(Locale.ROOT, "%d MB",
                        Files.size(dir.resolve("tidemark.mv.db")) >> 20), "" });
            }
        } finally {
            store.close();
            if (server != null) {
                server.close();
            }
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        System.out.println();
        System.out.println("### " + (backend.equals("h2") ? "H2 2.4.240 (embedded file)" : "PostgreSQL 15 (loopback)"));
        System.out.println();
        System.out.println("| phase | time | heap: peak / live after |");
        System.out.println("|---|---|---|");
        for (String[] r : rows) {
            System.out.println("| " + r[0] + " | " + r[1] + " | " + r[2] + " |");
        }
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    private void phase(String name, Work work) throws Exception {
        System.gc();
        HeapSampler sampler = new HeapSampler();
        long t0 = System.nanoTime();
        try {
            work.run();
        } finally {
            sampler.stop();
        }
        long ns = System.nanoTime() - t0;
        System.gc();
        rows.add(new String[] { name, time(ns), (sampler.peak >> 20) + " MB / " + (liveHeap() >> 20) + " MB" });
        System.err.println(name + ": " + time(ns));
    }

    /** Samples the used heap every 2 ms: the peak a phase needs, garbage not yet collected included. */
    private static final class HeapSampler {
        private final java.lang.management.MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long peak;

        HeapSampler() {
            thread = new Thread(() -> {
                while (running) {
                    peak = Math.max(peak, bean.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
            peak = Math.max(peak, bean.getHeapMemoryUsage().getUsed());
        }
    }

    private void pages(JpaMailStore store, MessageOrder order, int offset) throws Exception {
        // sender and subject pages sort the mailbox (no index, see Schema): fewer rounds
        boolean sorted = order == MessageOrder.SENDER || order == MessageOrder.SUBJECT;
        for (int i = 0; i < (sorted ? 1 : 5); i++) {
            store.page(INBOX, order, offset, 100); // warm-up: connections, statement caches, JIT
        }
        long[] ns = new long[sorted ? 5 : 30];
        for (int i = 0; i < ns.length; i++) {
            long t0 = System.nanoTime();
            List<MessageRecord> page = store.page(INBOX, order, offset, 100);
            ns[i] = System.nanoTime() - t0;
            if (page.size() != 100) {
                throw new IllegalStateException("page of " + page.size());
            }
        }
        Arrays.sort(ns);
        rows.add(new String[] { "page of 100, " + order + ", offset " + offset + " (median / max of " + ns.length + ")",
                time(ns[ns.length / 2]) + " / " + time(ns[ns.length - 1]), "" });
    }

    /**
     * The road not taken, measured: the same window inserts through the entity (EclipseLink batch writing of
     * {@code MessageEntity}, both of its tables) into a mailbox of their own. Counters and deltas are not kept on
     * this road; it only times the writes.
     */
    private static void persistAsEntities(JpaMailStore store, int count) throws Exception {
        MailboxRef other = new MailboxRef(ACCOUNT, MailboxName.of("Entities"));
        store.write(tx -> {
            tx.putMailbox(new MailboxRecord(other, '/', java.util.Set.of(), true, true));
            tx.putSyncState(other, MailboxSyncState.initial(1));
            return null;
        });
        long mailboxId;
        try (Connection c = store.openDatabase().connection(); Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT id FROM tm_mailbox WHERE name = 'Entities'")) {
            r.next();
            mailboxId = r.getLong(1);
        }
        jakarta.persistence.EntityManagerFactory emf = store.openDatabase().factory();
        for (long start = 1; start <= count; start += WINDOW) {
            jakarta.persistence.EntityManager em = emf.createEntityManager();
            try {
                em.getTransaction().begin();
                for (long uid = start; uid < start + WINDOW && uid <= count; uid++) {
                    em.persist(new MessageEntity(mailboxId, message(uid, false)));
                }
                em.getTransaction().commit();
            } finally {
                em.close();
            }
        }
    }

    private void fill(JpaMailStore store, long from, long to, boolean resync) throws Exception {
        for (long start = from; start <= to; start += WINDOW) {
            long end = Math.min(to, start + WINDOW - 1);
            List<MessageRecord> window = new ArrayList<>(WINDOW);
            for (long uid = start; uid <= end; uid++) {
                window.add(message(uid, resync));
            }
            store.write(tx -> {
                tx.putMessages(INBOX, window);
                return null;
            });
        }
    }

    /**
     * A message as a sync would store it: arrival order roughly by date, realistic header sizes; the same for a
     * UID every time, but for the flags of a resync.
     */
    private static MessageRecord message(long uid, boolean resync) {
        Random random = new Random(uid * 0x9E3779B97F4A7C15L);
        Instant date = START.plusSeconds(uid * 300 + random.nextInt(3600));
        int sender = random.nextInt(2000);
        Envelope env = new Envelope(date, "Re: project update " + random.nextInt(100_000) + " and some more words",
                List.of(new Address("Sender Name " + sender, "sender" + sender + "@example.com")), null, null,
                List.of(new Address("Bench User", "bench@example.com")),
                random.nextInt(4) == 0 ? List.of(new Address(null, "cc@example.com")) : null, null, null,
                "<" + Long.toHexString(random.nextLong()) + "." + uid + "@mail.example.com>");
        Flags flags = random.nextInt(10) < 8 ? Flags.SEEN : Flags.EMPTY;
        if (resync) {
            flags = flags.with(SystemFlag.ANSWERED);
        }
        return new MessageRecord(uid, flags, resync ? uid + 10_000_000 : uid, 2000 + random.nextInt(80_000), date, env.messageId(),
                "M" + Long.toHexString(uid * 2654435761L), env, false);
    }

    private static String time(long ns) {
        if (ns < 10_000_000L) {
            return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
        }
        if (ns < 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.0f ms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f s", ns / 1e9);
    }

    private static long liveHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

}
