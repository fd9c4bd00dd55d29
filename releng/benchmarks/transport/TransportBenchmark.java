/*
 * SPDX-License-Identifier: EPL-2.0
 */
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.tidemark.imap.angus.internal.AngusImapTransport;
import io.tidemark.imap.api.Credentials;
import io.tidemark.imap.api.FetchSpec;
import io.tidemark.imap.api.ImapSession;
import io.tidemark.imap.api.MessageSink;
import io.tidemark.imap.api.SelectOptions;
import io.tidemark.imap.api.SelectResult;
import io.tidemark.imap.api.SessionOptions;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.MailboxName;
import io.tidemark.model.TrafficCounters;
import io.tidemark.model.UidSet;
import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.DovecotServer;
import io.tidemark.testing.MaildirWriter;
import io.tidemark.testing.MessageFactory;

/**
 * Traffic and memory of the Angus transport against a private Dovecot, printed as figures (not a test):
 * <ol>
 * <li>commands and bytes to fetch UID and FLAGS of a 100,000-message mailbox, in windows of 10,000 UIDs and
 * in one window;</li>
 * <li>the peak heap while fetching FLAGS of a 1,000,000-message mailbox in windows of 50,000, meant to run
 * with {@code -Xmx256m} (see run.sh).</li>
 * </ol>
 * Arguments: [messages of the first mailbox] [messages of the second mailbox] (0 skips a part).
 */
public final class TransportBenchmark {

    public static void main(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        System.out.printf("JVM %s, max heap %d MB%n", Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
        AngusImapTransport transport = new AngusImapTransport();
        try (DovecotServer dovecot = DovecotServer.start(CapabilityProfile.FULL)) {
            MaildirWriter writer = dovecot.maildirWriter();
            AccountConfig account = dovecot.account("bench").toBuilder().readTimeout(Duration.ofMinutes(10)).build();
            if (small > 0) {
                MaildirWriter.Result w = writer.write("Bench", small, new MessageFactory(1, MessageFactory.SizeProfile.SMALL));
                System.out.printf("%nwrote %,d messages (%,d MB) into the maildir in %d s%n", w.messages(),
                        w.bytes() >> 20, w.elapsed().toSeconds());
                try (ImapSession s = transport.open(account, (a, f) -> Credentials.password(a.user(),
                        dovecot.password().toCharArray()), SessionOptions.DEFAULT, null)) {
                    long t0 = System.nanoTime();
                    SelectResult sel = s.select(MailboxName.of("Bench"), SelectOptions.CONDSTORE, MessageSink.NONE, null);
                    System.out.printf("SELECT (Dovecot indexes the new maildir): %d ms, EXISTS %,d%n",
                            (System.nanoTime() - t0) / 1_000_000, sel.exists());
                    UidSet all = UidSet.range(1, sel.uidNext() - 1);
                    fetch(s, "UID FLAGS of " + small + ", windows of 10,000", all, 10_000);
                    fetch(s, "UID FLAGS of " + small + ", one window", all, Integer.MAX_VALUE);
                }
            }
            if (large > 0) {
                MaildirWriter.Result w = writer.write("Bench1M", large, new MessageFactory(2, MessageFactory.SizeProfile.SMALL));
                System.out.printf("%nwrote %,d messages (%,d MB) into the maildir in %d s%n", w.messages(),
                        w.bytes() >> 20, w.elapsed().toSeconds());
                HeapWatch watch = new HeapWatch();
                watch.start();
                try (ImapSession s = transport.open(account, (a, f) -> Credentials.password(a.user(),
                        dovecot.password().toCharArray()), SessionOptions.DEFAULT, null)) {
                    long t0 = System.nanoTime();
                    SelectResult sel = s.select(MailboxName.of("Bench1M"), SelectOptions.CONDSTORE, MessageSink.NONE,
                            null);
                    System.out.printf("SELECT: %d ms, EXISTS %,d%n", (System.nanoTime() - t0) / 1_000_000, sel.exists());
                    watch.reset();
                    fetch(s, "FLAGS of " + large + ", windows of 50,000", UidSet.range(1, sel.uidNext() - 1), 50_000);
                }
                watch.finish();
                System.out.printf("peak heap used while fetching: %,d MB of %,d MB max (sampled every 5 ms)%n",
                        watch.peak() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            }
        } finally {
            transport.deactivate();
        }
    }

    private static void fetch(ImapSession s, String what, UidSet all, long window) throws Exception {
        AtomicLong messages = new AtomicLong();
        AtomicLong flagged = new AtomicLong();
        MessageSink sink = m -> {
            messages.incrementAndGet();
            if (m.flags() != null && !m.flags().isEmpty()) {
                flagged.incrementAndGet();
            }
        };
        TrafficCounters before = s.counters();
        long t0 = System.nanoTime();
        for (UidSet part : all.split(window)) {
            s.fetch(part, FetchSpec.FLAGS, sink, null);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        TrafficCounters used = s.counters().minus(before);
        System.out.printf("%s: %,d messages (%,d with flags), %d commands, %,d bytes in, %,d bytes out, %,d ms "
                + "(%,d messages/s)%n", what, messages.get(), flagged.get(), used.commands(), used.bytesIn(),
                used.bytesOut(), ms, ms == 0 ? 0 : messages.get() * 1000 / ms);
    }

    /** Samples the used heap. */
    private static final class HeapWatch extends Thread {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private volatile boolean running = true;
        private volatile long peak;

        HeapWatch() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                long used = memory.getHeapMemoryUsage().getUsed();
                if (used > peak) {
                    peak = used;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void reset() {
            System.gc();
            peak = 0;
        }

        long peak() {
            return peak;
        }

        void finish() {
            running = false;
        }
    }
}
