/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.memory.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.ComponentInstance;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.Address;
import io.tidemark.model.Envelope;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;

/**
 * A million-message mailbox fits in a few hundred megabytes of heap. Measured as the heap in use after
 * garbage collection, before and after filling the store through its API in windows of a thousand; the
 * figures (and, for information only, the times) are printed.
 */
class MemoryStoreFootprintTest {

    private static final int MESSAGES = 1_000_000;
    private static final int WINDOW = 1_000;
    /** "A few hundred megabytes" for a million messages. */
    private static final long MAX_BYTES_PER_MESSAGE = 450;

    private static final AccountId ACCOUNT = AccountId.of("footprint");
    private static final MailboxRef INBOX = new MailboxRef(ACCOUNT, MailboxName.INBOX);
    private static final Instant START = Instant.parse("2015-01-01T00:00:00Z");
    private static final String[] PROJECTS = { "Apollo", "Borealis", "Cygnus", "Draco", "Eridanus", "Fornax" };

    private ComponentInstance<MailStore> instance;

    @BeforeEach
    void createStore() throws Exception {
        instance = PrivateStores.create();
    }

    @AfterEach
    void disposeStore() {
        instance.dispose();
    }

    /** A message as a typical mailbox holds it: ids, a subject, a sender, one or two recipients, flags. */
    static MessageRecord typical(long uid) {
        long h = uid * 0x9E3779B97F4A7C15L;
        String messageId = "<" + Long.toHexString(h) + "." + uid + "@mail.example.com>";
        String emailId = "M" + Long.toHexString(h >>> 4);
        Instant date = START.plusSeconds(uid * 97);
        int sender = (int) (uid % 5000);
        List<Address> to = uid % 3 == 0
                ? List.of(new Address("Alice Example", "alice@example.com"), new Address(null, "team@example.com"))
                : List.of(new Address("Alice Example", "alice@example.com"));
        Envelope env = new Envelope(date.minusSeconds(30),
                (uid % 2 == 0 ? "Re: " : "") + "Quarterly report " + (uid % 1000) + " for " + PROJECTS[(int) (uid % 6)],
                List.of(new Address("Sender " + sender, "sender" + sender + "@example.org")), null, null, to, null,
                null, uid % 2 == 0 ? "<" + Long.toHexString(h + 1) + "@mail.example.com>" : null, messageId);
        Flags flags = uid % 4 == 0 ? Flags.EMPTY
                : uid % 50 == 0 ? Flags.parse("(\\Seen \\Flagged $Label1)") : Flags.of(SystemFlag.SEEN);
        return new MessageRecord(uid, flags, uid + 1000, 2_000 + uid % 50_000, date, messageId, emailId, env, false);
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    @Test
    void aMillionMessagesFitInAFewHundredMegabytes() throws Exception {
        MailStore store = instance.getInstance();
        store.write(tx -> {
            tx.putAccount(AccountConfig.builder(ACCOUNT).host("127.0.0.1").user("u").build());
            tx.putMailbox(new MailboxRecord(INBOX, '/', null, true, true));
            tx.putSyncState(INBOX, MailboxSyncState.initial(1));
            return null;
        });
        long before = usedAfterGc();
        long t0 = System.nanoTime();
        for (long from = 1; from <= MESSAGES; from += WINDOW) {
            List<MessageRecord> window = new ArrayList<>(WINDOW);
            for (long uid = from; uid < from + WINDOW; uid++) {
                window.add(typical(uid));
            }
            store.write(tx -> {
                tx.putMessages(INBOX, window);
                return null;
            });
        }
        long insertMs = (System.nanoTime() - t0) / 1_000_000;
        long after = usedAfterGc();
        long perMessage = (after - before) / MESSAGES;

        long t1 = System.nanoTime();
        List<MessageRecord> newest = store.page(INBOX, MessageOrder.DATE_DESC, 0, 50);
        long pageMs = (System.nanoTime() - t1) / 1_000_000;
        long t2 = System.nanoTime();
        List<MessageRecord> bySubject = store.page(INBOX, MessageOrder.SUBJECT, 500_000, 50);
        long deepPageMs = (System.nanoTime() - t2) / 1_000_000;
        long t3 = System.nanoTime();
        int found = store.findByMessageId(ACCOUNT, typical(777_777).messageId()).size();
        long findMs = (System.nanoTime() - t3) / 1_000_000;
        long t4 = System.nanoTime();
        store.write(tx -> tx.updateFlags(INBOX, 500_000, Flags.of(SystemFlag.FLAGGED), 1));
        long flagMs = (System.nanoTime() - t4) / 1_000_000;

        System.out.printf("memory store, %,d messages: %,d MB heap, %,d bytes/message; insert %,d ms in windows of %,d;"
                + " first page by date %,d ms; page at row 500,000 by subject %,d ms; findByMessageId %,d ms;"
                + " one flag update %,d ms%n", MESSAGES, (after - before) >> 20, perMessage, insertMs, WINDOW, pageMs,
                deepPageMs, findMs, flagMs);

        assertTrue(perMessage <= MAX_BYTES_PER_MESSAGE,
                perMessage + " bytes a message; " + ((after - before) >> 20) + " MB for a million");
        assertEquals(UidSet.range(1, MESSAGES), store.uids(INBOX));
        assertEquals(new MailboxCounts(MESSAGES, MESSAGES / 4), store.counts(INBOX));
        assertEquals(typical(MESSAGES), newest.get(0));
        assertEquals(50, bySubject.size());
        assertEquals(1, found);
        assertEquals(typical(123_456), store.message(INBOX, 123_456).orElseThrow());
    }
}
