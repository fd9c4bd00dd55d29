/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.api.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.Test;

import io.tidemark.model.Address;
import io.tidemark.model.Envelope;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MessageLocation;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.store.api.StoreError;
import io.tidemark.store.api.StoreStatus;

/**
 * The read side a message list and the sync engine use: {@code page} in every {@link MessageOrder},
 * {@code counts}, {@code findByMessageId}/{@code findByEmailId} and {@code scan}.
 * <p>
 * The ordering rules checked here:
 * <ul>
 * <li>The date of a message is its INTERNALDATE, else its envelope date; a message with neither sorts as
 * older than every dated one.</li>
 * <li>{@link MessageOrder#SENDER} compares the first From address's display name (the name if not blank,
 * else the address) and {@link MessageOrder#SUBJECT} the subject, both ignoring case: as Java strings after
 * {@code toLowerCase(Locale.ROOT)}, in {@link String#compareTo} order (a database needs a binary collation on
 * such a key, e.g. {@code COLLATE "C"} in PostgreSQL, not a language collation). A missing sender or subject
 * compares as the empty text, so it comes first.</li>
 * <li>Ties, in every order, break by UID descending.</li>
 * <li>Hidden messages are left out of {@code page} and {@code counts} but not of {@code scan},
 * {@code uids} or {@code findBy*}. {@code findBy*} answers in no particular order.</li>
 * </ul>
 *
 * @since 0.1
 */
public abstract class MessageQueryContractTest extends StoreContractSupport {

    private static final Instant JAN1 = Instant.parse("2024-01-01T10:00:00Z");

    private static MessageRecord listed(long uid, Instant internalDate, Instant envelopeDate, Address from,
            String subject, Flags flags, boolean hidden) {
        Envelope env = new Envelope(envelopeDate, subject, from == null ? List.of() : List.of(from), null, null,
                null, null, null, null, "<q" + uid + "@tck>");
        return new MessageRecord(uid, flags, uid, 100, internalDate, "<q" + uid + "@tck>", null, env, hidden);
    }

    private static Instant day(int n) {
        return JAN1.plusSeconds(86_400L * (n - 1));
    }

    /**
     * Seven messages: 5 is hidden; 1 and 6 tie on date, sender and subject; 4 has only an envelope date; 7 has
     * no date, sender or subject.
     */
    private void addListedMessages() throws CoreException {
        addMailbox(INBOX);
        putMessages(INBOX,
                listed(1, day(3), null, new Address("Carol", "c@example.com"), "cherry", Flags.SEEN, false),
                listed(2, day(1), day(9), new Address(null, "alice@example.com"), "date", Flags.EMPTY, false),
                listed(3, day(2), null, new Address("Bob", "b@example.com"), "Banana", Flags.SEEN, false),
                listed(4, null, day(5), new Address("dave", "d@example.com"), "apple", Flags.EMPTY, false),
                listed(5, day(10), null, new Address("Aaron", "a@example.com"), "aardvark", Flags.EMPTY, true),
                listed(6, day(3), null, new Address("carol", "c2@example.com"), "Cherry", Flags.SEEN, false),
                listed(7, null, null, null, null, Flags.parse("(\\Flagged)"), false));
    }

    private List<Long> page(MessageOrder order, int offset, int limit) throws CoreException {
        return store.page(INBOX, order, offset, limit).stream().map(MessageRecord::uid).toList();
    }

    @Test
    void pageOrdersByUidDescending() throws Exception {
        addListedMessages();
        assertEquals(List.of(7L, 6L, 4L, 3L, 2L, 1L), page(MessageOrder.UID_DESC, 0, 100));
    }

    @Test
    void pageOrdersByDateNewestFirst() throws Exception {
        addListedMessages();
        assertEquals(List.of(4L, 6L, 1L, 3L, 2L, 7L), page(MessageOrder.DATE_DESC, 0, 100));
    }

    @Test
    void pageOrdersByDateOldestFirst() throws Exception {
        addListedMessages();
        assertEquals(List.of(7L, 2L, 3L, 6L, 1L, 4L), page(MessageOrder.DATE_ASC, 0, 100));
    }

    @Test
    void pageOrdersBySenderIgnoringCase() throws Exception {
        addListedMessages();
        assertEquals(List.of(7L, 2L, 3L, 6L, 1L, 4L), page(MessageOrder.SENDER, 0, 100));
    }

    @Test
    void pageOrdersBySubjectIgnoringCase() throws Exception {
        addListedMessages();
        assertEquals(List.of(7L, 4L, 3L, 6L, 1L, 2L), page(MessageOrder.SUBJECT, 0, 100));
    }

    @Test
    void pageReturnsWholeRecords() throws Exception {
        addListedMessages();
        MessageRecord first = store.page(INBOX, MessageOrder.UID_DESC, 0, 1).get(0);
        assertEquals(listed(7, null, null, null, null, Flags.parse("(\\Flagged)"), false), first);
    }

    @Test
    void pageAppliesOffsetAndLimitAfterOrdering() throws Exception {
        addListedMessages();
        assertEquals(List.of(1L, 3L, 2L), page(MessageOrder.DATE_DESC, 2, 3));
        assertEquals(List.of(7L), page(MessageOrder.DATE_DESC, 5, 10));
        assertEquals(List.of(), page(MessageOrder.DATE_DESC, 6, 10));
        assertEquals(List.of(), page(MessageOrder.DATE_DESC, 1000, 10));
        assertEquals(List.of(7L), page(MessageOrder.UID_DESC, 0, 1));
    }

    @Test
    void pageRefusesANegativeOffsetOrAnEmptyLimit() throws Exception {
        addListedMessages();
        assertStoreError(StoreError.INVALID, () -> store.page(INBOX, MessageOrder.UID_DESC, 0, 0));
        assertStoreError(StoreError.INVALID, () -> store.page(INBOX, MessageOrder.UID_DESC, -1, 10));
    }

    @Test
    void pageOfAnUnknownMailboxFailsWithNotFound() throws Exception {
        addAccount(ACCOUNT);
        assertStoreError(StoreError.NOT_FOUND, () -> store.page(INBOX, MessageOrder.UID_DESC, 0, 10));
    }

    @Test
    void pageFollowsTheHiddenMark() throws Exception {
        addListedMessages();
        commit(tx -> {
            tx.setHidden(INBOX, UidSet.of(5), false);
            tx.setHidden(INBOX, UidSet.of(7), true);
        });
        assertEquals(List.of(6L, 5L, 4L, 3L, 2L, 1L), page(MessageOrder.UID_DESC, 0, 100));
    }

    @Test
    void pagesOfALargerMailboxCoverItExactlyOnce() throws Exception {
        addMailbox(INBOX);
        List<MessageRecord> all = new ArrayList<>();
        for (long uid = 1; uid <= 1000; uid++) {
            // dates repeat every 17 UIDs so that many ties break by UID
            all.add(listed(uid, day((int) (uid % 17) + 1), null, new Address("S" + (uid % 13), "s@example.com"),
                    "subject " + (uid % 11), Flags.EMPTY, uid % 10 == 0));
        }
        putMessages(INBOX, all.toArray(MessageRecord[]::new));
        for (MessageOrder order : MessageOrder.values()) {
            List<Long> paged = new ArrayList<>();
            for (int offset = 0; offset < 1000; offset += 64) {
                paged.addAll(page(order, offset, 64));
            }
            assertEquals(900, paged.size(), order.name());
            assertEquals(900, new HashSet<>(paged).size(), order + ": no row twice");
            assertEquals(page(order, 0, 1000), paged, order + ": pages concatenate to one page");
        }
        List<Long> byDate = page(MessageOrder.DATE_DESC, 0, 1000);
        assertEquals(List.of(985L, 968L, 951L), byDate.subList(0, 3), "day 17, UIDs descending");
        assertEquals(List.of(34L, 17L), byDate.subList(898, 900), "day 1, UIDs descending");
    }

    @Test
    void countsLeaveOutHiddenMessages() throws Exception {
        addListedMessages();
        assertEquals(new MailboxCounts(6, 3), store.counts(INBOX));
        commit(tx -> {
            tx.setHidden(INBOX, UidSet.of(2), true);
            tx.updateFlags(INBOX, 4, Flags.of(SystemFlag.SEEN), 99);
        });
        assertEquals(new MailboxCounts(5, 1), store.counts(INBOX));
        commit(tx -> tx.removeMessages(INBOX, UidSet.of(7)));
        assertEquals(new MailboxCounts(4, 0), store.counts(INBOX));
    }

    @Test
    void countsOfAnEmptyMailboxAreZero() throws Exception {
        addMailbox(INBOX);
        assertEquals(MailboxCounts.EMPTY, store.counts(INBOX));
    }

    @Test
    void findByMessageIdSearchesEveryMailboxOfTheAccountHiddenIncluded() throws Exception {
        addMailbox(INBOX);
        addMailbox(ARCHIVE);
        MailboxRef other = new MailboxRef(OTHER_ACCOUNT, MailboxName.INBOX);
        addMailbox(other);
        String shared = "<shared@tck>";
        MessageRecord a = message(1, shared, "E-A");
        MessageRecord b = message(8, shared, "E-B").withHidden(true);
        putMessages(INBOX, a, message(2));
        putMessages(ARCHIVE, b);
        putMessages(other, message(3, shared, "E-A"));
        assertEquals(Set.of(new MessageLocation(INBOX, a), new MessageLocation(ARCHIVE, b)),
                Set.copyOf(store.findByMessageId(ACCOUNT, shared)));
        assertEquals(List.of(), store.findByMessageId(ACCOUNT, "<nobody@tck>"));
        assertEquals(List.of(), store.findByMessageId(ACCOUNT, "<SHARED@tck>"), "Message-IDs match exactly");
    }

    @Test
    void findByEmailIdSearchesEveryMailboxOfTheAccount() throws Exception {
        addMailbox(INBOX);
        addMailbox(ARCHIVE);
        MailboxRef other = new MailboxRef(OTHER_ACCOUNT, MailboxName.INBOX);
        addMailbox(other);
        putMessages(INBOX, message(1, "<a@tck>", "EMAIL-1"), message(2, "<b@tck>", null));
        putMessages(ARCHIVE, message(5, "<c@tck>", "EMAIL-1"));
        putMessages(other, message(1, "<a@tck>", "EMAIL-1"));
        assertEquals(Set.of(new MessageLocation(INBOX, message(1, "<a@tck>", "EMAIL-1")),
                new MessageLocation(ARCHIVE, message(5, "<c@tck>", "EMAIL-1"))),
                Set.copyOf(store.findByEmailId(ACCOUNT, "EMAIL-1")));
        assertEquals(List.of(), store.findByEmailId(ACCOUNT, "email-1"));
        assertEquals(List.of(), store.findByEmailId(ACCOUNT, "EMAIL-2"));
    }

    @Test
    void findFollowsChangesToTheIds() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, message(1, "<old@tck>", "OLD"));
        putMessages(INBOX, message(1, "<new@tck>", "NEW"));
        assertEquals(List.of(), store.findByMessageId(ACCOUNT, "<old@tck>"));
        assertEquals(List.of(), store.findByEmailId(ACCOUNT, "OLD"));
        assertEquals(1, store.findByMessageId(ACCOUNT, "<new@tck>").size());
        assertEquals(1, store.findByEmailId(ACCOUNT, "NEW").size());
        commit(tx -> tx.removeMessages(INBOX, UidSet.of(1)));
        assertEquals(List.of(), store.findByMessageId(ACCOUNT, "<new@tck>"));
    }

    @Test
    void findInAnUnknownAccountFailsWithNotFound() throws Exception {
        assertStoreError(StoreError.NOT_FOUND, () -> store.findByMessageId(ACCOUNT, "<x@tck>"));
        assertStoreError(StoreError.NOT_FOUND, () -> store.findByEmailId(ACCOUNT, "X"));
    }

    @Test
    void scanVisitsTheRangeInAscendingUidOrderHiddenIncluded() throws Exception {
        addMailbox(INBOX);
        MessageRecord[] ms = messages(1, 20);
        ms[9] = ms[9].withHidden(true);
        putMessages(INBOX, ms);
        commit(tx -> tx.removeMessages(INBOX, UidSet.of(12)));
        List<MessageRecord> seen = new ArrayList<>();
        long n = store.scan(INBOX, UidSet.parse("15:*,3,10:13,1"), m -> seen.add(m));
        List<Long> uids = seen.stream().map(MessageRecord::uid).toList();
        assertEquals(List.of(1L, 3L, 10L, 11L, 13L, 15L, 16L, 17L, 18L, 19L, 20L), uids);
        assertEquals(uids.size(), n);
        assertEquals(ms[9], seen.get(2), "hidden messages are scanned, whole");
    }

    @Test
    void scanStopsWhenTheVisitorSaysSo() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, messages(1, 50));
        List<Long> seen = new ArrayList<>();
        long n = store.scan(INBOX, UidSet.range(1, 50), m -> {
            seen.add(m.uid());
            return m.uid() < 5;
        });
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seen);
        assertEquals(5, n);
    }

    @Test
    void scanRethrowsTheVisitorsCoreException() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, messages(1, 3));
        CoreException stop = StoreStatus.exception(StoreError.IO, ACCOUNT, null, "visitor stops", null);
        CoreException thrown = assertThrows(CoreException.class, () -> store.scan(INBOX, UidSet.range(1, 3), m -> {
            throw stop;
        }));
        assertSame(stop, thrown);
    }

    @Test
    void scanOfAnEmptyRangeOrMailboxVisitsNothing() throws Exception {
        addMailbox(INBOX);
        assertEquals(0, store.scan(INBOX, UidSet.range(1, 1000), m -> true));
        putMessages(INBOX, messages(1, 3));
        assertEquals(0, store.scan(INBOX, UidSet.empty(), m -> true));
        assertEquals(0, store.scan(INBOX, UidSet.range(4, 100), m -> true));
    }

    @Test
    void scanStreamsAThousandsMessageMailboxInOrder() throws Exception {
        addMailbox(INBOX);
        int total = 5000;
        for (long from = 1; from <= total; from += 1000) {
            putMessages(INBOX, messages(from, from + 999));
        }
        long[] previous = { 0 };
        long n = store.scan(INBOX, UidSet.range(1, UidSet.MAX_UID), m -> {
            if (m.uid() != previous[0] + 1) {
                throw new IllegalStateException("UID " + m.uid() + " after " + previous[0]);
            }
            previous[0] = m.uid();
            return true;
        });
        assertEquals(total, n);
        assertEquals(total, previous[0]);
    }

    @Test
    void scanOfAnUnknownMailboxFailsWithNotFound() throws Exception {
        addAccount(ACCOUNT);
        assertStoreError(StoreError.NOT_FOUND, () -> store.scan(INBOX, UidSet.range(1, 5), m -> true));
    }
}
