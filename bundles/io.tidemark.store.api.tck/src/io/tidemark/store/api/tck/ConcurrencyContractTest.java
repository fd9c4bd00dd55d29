/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.api.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.tidemark.model.Flags;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageLocation;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.store.api.StoreDelta;
import io.tidemark.store.api.UidRemap;

/**
 * Concurrent use: a reader never sees part of a transaction, concurrent writers lose no update, and deltas
 * arrive in commit order.
 * <p>
 * Each reader check is a single read call, since only a single call promises one snapshot. A store that
 * breaks isolation fails these tests with high probability, not certainty; the invariants are chosen so
 * that every transaction of the writer breaks them halfway through.
 *
 * @since 0.1
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
public abstract class ConcurrencyContractTest extends StoreContractSupport {

    /** Messages moving between INBOX and Archive. */
    private static final int MESSAGES = 100;
    /** Messages moved per transaction. */
    private static final int MOVED_PER_TRANSACTION = 10;
    /** Transactions of the moving writer. */
    private static final int MOVES = 80;
    private static final int READERS = 2;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(30, TimeUnit.SECONDS);
    }

    private static MessageRecord numbered(long uid, long n) {
        return message(uid, messageId(n), emailId(n)).withFlags(Flags.EMPTY, 1);
    }

    /** Runs readers until the writer is done; returns the violations seen, and how many checks ran. */
    private List<String> runWithReaders(Callable<Void> writer, ReaderCheck check, AtomicLong checks)
            throws Exception {
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicBoolean done = new AtomicBoolean();
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            Random random = new Random(r);
            readers.add(threads.submit(() -> {
                do {
                    String problem = check.check(random);
                    checks.incrementAndGet();
                    if (problem != null) {
                        violations.add(problem);
                    }
                } while (!done.get() && violations.size() < 10);
                return null;
            }));
        }
        try {
            threads.submit(writer).get(240, TimeUnit.SECONDS);
        } finally {
            done.set(true);
        }
        for (Future<?> f : readers) {
            f.get(60, TimeUnit.SECONDS);
        }
        return List.copyOf(violations);
    }

    /** One consistency check by a reader thread. */
    @FunctionalInterface
    private interface ReaderCheck {
        /** @return a description of what was wrong, or null */
        String check(Random random) throws Exception;
    }

    @Test
    void readersNeverSeeHalfOfAMoveBetweenMailboxes() throws Exception {
        addMailbox(INBOX);
        addMailbox(ARCHIVE);
        MessageRecord[] initial = new MessageRecord[MESSAGES];
        for (int n = 1; n <= MESSAGES; n++) {
            initial[n - 1] = numbered(n, n);
        }
        putMessages(INBOX, initial);

        // Each transaction moves ten messages from the fuller mailbox to the other and then sets \Seen on
        // every INBOX message (on even transactions) or clears it (on odd ones).
        Callable<Void> writer = () -> {
            TreeSet<Long> inbox = new TreeSet<>();
            TreeSet<Long> archive = new TreeSet<>();
            for (long uid = 1; uid <= MESSAGES; uid++) {
                inbox.add(uid);
            }
            long[] next = { MESSAGES + 1, 1 };
            for (int k = 1; k <= MOVES; k++) {
                boolean fromInbox = inbox.size() >= archive.size();
                boolean seen = k % 2 == 0;
                long modSeq = k + 1;
                commit(tx -> {
                    TreeSet<Long> from = fromInbox ? inbox : archive;
                    TreeSet<Long> to = fromInbox ? archive : inbox;
                    for (int i = 0; i < MOVED_PER_TRANSACTION; i++) {
                        long uid = from.pollFirst();
                        long newUid = next[fromInbox ? 1 : 0]++;
                        tx.relink(fromInbox ? INBOX : ARCHIVE, uid, fromInbox ? ARCHIVE : INBOX, newUid, null);
                        to.add(newUid);
                    }
                    for (long uid : inbox) {
                        tx.updateFlags(INBOX, uid, seen ? Flags.SEEN : Flags.EMPTY, modSeq);
                    }
                });
            }
            return null;
        };

        AtomicLong checks = new AtomicLong();
        List<String> violations = runWithReaders(writer, random -> {
            switch (random.nextInt(3)) {
                case 0 -> {
                    long n = 1 + random.nextInt(MESSAGES);
                    List<MessageLocation> found = store.findByMessageId(ACCOUNT, messageId(n));
                    return found.size() == 1 ? null : "message " + n + " found " + found.size() + " times";
                }
                case 1 -> {
                    List<MessageRecord> page = store.page(INBOX, MessageOrder.UID_DESC, 0, 10 * MESSAGES);
                    long seen = page.stream().filter(m -> m.flags().equals(Flags.SEEN)).count();
                    return seen == 0 || seen == page.size() ? null
                            : "page of INBOX has " + seen + " of " + page.size() + " seen";
                }
                default -> {
                    MailboxCounts c = store.counts(INBOX);
                    return c.unseen() == 0 || c.unseen() == c.messages() ? null : "counts of INBOX " + c;
                }
            }
        }, checks);

        assertEquals(List.of(), violations);
        assertTrue(checks.get() >= READERS, "the readers ran");
        assertEquals(MESSAGES, store.uids(INBOX).size() + store.uids(ARCHIVE).size());
        for (long n = 1; n <= MESSAGES; n++) {
            assertEquals(1, store.findByMessageId(ACCOUNT, messageId(n)).size(), "message " + n);
        }
    }

    @Test
    void readersSeeEitherEpochOfAResetNeverAMixture() throws Exception {
        addMailbox(INBOX, 1);
        putMessages(INBOX, messages(1, 50));
        UidSet low = UidSet.range(1, 50);
        UidSet high = UidSet.range(101, 150);
        long[] lowUids = low.toArray();
        long[] highUids = high.toArray();

        Callable<Void> writer = () -> {
            for (int k = 2; k <= 60; k++) {
                boolean toHigh = k % 2 == 0;
                long validity = k;
                commit(tx -> tx.resetMailbox(INBOX, validity,
                        toHigh ? new UidRemap(lowUids, highUids) : new UidRemap(highUids, lowUids)));
            }
            return null;
        };

        AtomicLong checks = new AtomicLong();
        List<String> violations = runWithReaders(writer, random -> {
            if (random.nextBoolean()) {
                UidSet uids = store.uids(INBOX);
                return uids.equals(low) || uids.equals(high) ? null : "uids " + uids;
            }
            List<MessageRecord> page = store.page(INBOX, MessageOrder.UID_DESC, 0, 200);
            UidSet.Builder b = UidSet.builder();
            page.forEach(m -> b.add(m.uid()));
            UidSet uids = b.build();
            return uids.equals(low) || uids.equals(high) ? null : "page uids " + uids;
        }, checks);

        assertEquals(List.of(), violations);
        assertTrue(checks.get() >= READERS, "the readers ran");
        assertEquals(high, store.uids(INBOX), "the last reset (60) went to the high UIDs");
        assertEquals(MailboxSyncState.initial(60), store.syncState(INBOX).orElseThrow());
    }

    @Test
    void concurrentWritersLoseNoUpdateAndDeltasArriveInCommitOrder() throws Exception {
        addMailbox(INBOX);
        RecordingListener listener = new RecordingListener();
        store.addListener(listener);
        int writers = 4;
        int each = 25;
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            running.add(threads.submit(() -> {
                for (int i = 0; i < each; i++) {
                    // read-modify-write of the sync state: a lost update would lose a UID
                    commit(tx -> {
                        MailboxSyncState s = tx.syncState(INBOX).orElseThrow();
                        long uid = s.uidNext() + 1;
                        tx.putMessages(INBOX, List.of(message(uid)));
                        tx.putSyncState(INBOX, s.withCounters(uid, s.highestModSeq(), uid, uid));
                    });
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get(240, TimeUnit.SECONDS);
        }
        int total = writers * each;
        assertEquals(UidSet.range(1, total), store.uids(INBOX));
        assertEquals(total, store.syncState(INBOX).orElseThrow().uidNext());
        List<StoreDelta> deltas = listener.deltas();
        assertEquals(total, deltas.size(), "one delta per transaction");
        for (int i = 0; i < total; i++) {
            assertEquals(UidSet.of(i + 1), deltaOf(deltas.get(i), INBOX).added(), "delta " + i);
        }
    }
}
