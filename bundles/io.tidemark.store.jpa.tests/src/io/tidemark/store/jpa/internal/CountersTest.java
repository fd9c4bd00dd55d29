/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import static io.tidemark.store.jpa.internal.Samples.ACCOUNT;
import static io.tidemark.store.jpa.internal.Samples.ARCHIVE;
import static io.tidemark.store.jpa.internal.Samples.INBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tidemark.model.Flags;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.store.api.UidRemap;

/**
 * {@code counts()} reads per-mailbox counters that every write keeps in the same transaction. After a long random
 * mix of every kind of message write (and rolled-back ones), they equal what counting the messages gives.
 */
class CountersTest {

    private JpaMailStore store;

    @AfterEach
    void dispose() throws Exception {
        if (store != null) {
            TestStores.dispose(store);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void countersFollowEveryKindOfWrite(Backend backend) throws Exception {
        store = backend == Backend.H2 ? TestStores.h2() : TestStores.postgres();
        store.write(tx -> {
            tx.putAccount(Samples.account(ACCOUNT));
            for (MailboxRef ref : List.of(INBOX, ARCHIVE)) {
                tx.putMailbox(Samples.mailbox(ref));
                tx.putSyncState(ref, MailboxSyncState.initial(5));
            }
            return null;
        });
        Random random = new Random(11);
        for (int step = 1; step <= 300; step++) {
            int op = random.nextInt(9);
            MailboxRef box = random.nextBoolean() ? INBOX : ARCHIVE;
            MailboxRef other = box == INBOX ? ARCHIVE : INBOX;
            switch (op) {
                case 0, 1 -> {
                    List<MessageRecord> window = new ArrayList<>();
                    for (int i = random.nextInt(40); i >= 0; i--) {
                        window.add(message(random, 1 + random.nextInt(300)));
                    }
                    store.write(tx -> {
                        tx.putMessages(box, window);
                        return null;
                    });
                }
                case 2 -> store.write(tx -> tx.updateFlags(box, 1 + random.nextInt(300),
                        random.nextBoolean() ? Flags.SEEN : Flags.of(SystemFlag.FLAGGED), random.nextInt(1000)));
                case 3 -> store.write(tx -> {
                    tx.setHidden(box, randomSet(random), random.nextBoolean());
                    return null;
                });
                case 4 -> store.write(tx -> tx.removeMessages(box, randomSet(random)));
                case 5 -> {
                    UidSet held = store.uids(box);
                    if (!held.isEmpty()) {
                        long from = held.get(random.nextInt((int) held.size()));
                        long to = 1 + random.nextInt(300);
                        MessageRecord updated = random.nextBoolean() ? null : message(random, to);
                        store.write(tx -> {
                            tx.relink(box, from, other, to, updated);
                            return null;
                        });
                    }
                }
                case 6 -> {
                    if (random.nextInt(10) == 0) {
                        UidSet held = store.uids(box);
                        long[] old = held.slice(1, 100).toArray();
                        long[] neu = new long[old.length];
                        for (int i = 0; i < old.length; i++) {
                            neu[i] = old[i] + 1000; // some become the UIDs of others' old numbers + 1000
                        }
                        store.write(tx -> {
                            tx.resetMailbox(box, 5, new UidRemap(old, neu));
                            return null;
                        });
                    }
                }
                default -> assertThrows(CoreException.class, () -> store.write(tx -> {
                    tx.putMessages(box, List.of(message(random, 1 + random.nextInt(300))));
                    tx.setHidden(box, randomSet(random), true);
                    tx.removeMessages(other, randomSet(random));
                    throw new CoreException(org.eclipse.core.runtime.Status.error("rolled back on purpose"));
                }));
            }
            if (step % 10 == 0) {
                for (MailboxRef ref : List.of(INBOX, ARCHIVE)) {
                    assertEquals(counted(ref), store.counts(ref), backend + " step " + step + " " + ref);
                }
            }
        }
    }

    private static MessageRecord message(Random random, long uid) {
        MessageRecord m = Samples.message(uid);
        return new MessageRecord(uid, random.nextBoolean() ? Flags.SEEN : Flags.EMPTY, m.modSeq() + random.nextInt(9),
                m.size(), m.internalDate(), m.messageId(), m.emailId(),
                random.nextInt(4) == 0 ? io.tidemark.model.Envelope.EMPTY : m.envelope(), random.nextInt(5) == 0);
    }

    private static UidSet randomSet(Random random) {
        long from = 1 + random.nextInt(300);
        return UidSet.range(from, from + random.nextInt(30)).union(UidSet.of(1 + random.nextInt(1300)));
    }

    /** @return the counts by looking at every message (hidden ones included, through scan) */
    private MailboxCounts counted(MailboxRef ref) throws CoreException {
        long[] n = new long[2];
        store.scan(ref, UidSet.range(1, UidSet.MAX_UID), m -> {
            if (!m.hidden()) {
                n[0]++;
                if (!m.flags().has(SystemFlag.SEEN)) {
                    n[1]++;
                }
            }
            return true;
        });
        return new MailboxCounts(n[0], n[1]);
    }
}
