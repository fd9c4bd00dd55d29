/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.api.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tidemark.model.Address;
import io.tidemark.model.Envelope;
import io.tidemark.model.Flags;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MessageContent;
import io.tidemark.store.api.MessageLocation;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.store.api.StoreError;

/**
 * Messages and their content: every field round-trips, writes by UID, the hidden mark, and the relink that
 * moves a record and its content to another mailbox without downloading it again.
 * <p>
 * Content stays with its message: {@code putMessages} over a held UID keeps it, {@code removeMessages}
 * takes it, {@code relink} and a UIDVALIDITY reset carry it to the new UID. A relink without an updated
 * record keeps the old record exactly as it was under the new UID, hidden mark included.
 *
 * @since 0.1
 */
public abstract class MessageContractTest extends StoreContractSupport {

    private static final Flags FLAGGED = Flags.of(SystemFlag.FLAGGED);

    @Test
    void aMessageRoundTripsInEveryField() throws Exception {
        addMailbox(INBOX);
        MessageRecord m = message(42);
        putMessages(INBOX, m);
        MessageRecord read = store.message(INBOX, 42).orElseThrow();
        assertEquals(m, read);
        assertEquals(Set.of("$Label1", "Work"), read.flags().keywords(), "keywords keep their spelling");
        assertEquals(m.envelope(), read.envelope());
        assertEquals(new Address("", "hidden@example.com"), read.envelope().bcc().get(0),
                "an empty display name stays empty, not null");
        assertEquals(new Address(null, "sender@example.com"), read.envelope().sender().get(0));
    }

    @Test
    void messagesReadsTheHeldOnesOfAUidSetAsTheTransactionSeesThem() throws Exception {
        addMailbox(INBOX);
        addMailbox(ARCHIVE);
        for (long uid = 1; uid <= 40; uid++) {
            putMessages(INBOX, message(uid));
        }
        putMessages(ARCHIVE, message(7));
        UidSet asked = UidSet.parse("3,5:9,17,39:45,1000");
        Map<Long, MessageRecord> read = write(tx -> {
            // a change made earlier in the same transaction is seen; one of another mailbox is not
            tx.updateFlags(INBOX, 6, FLAGGED, 99);
            tx.removeMessages(INBOX, UidSet.of(8));
            tx.putMessages(ARCHIVE, List.of(message(5)));
            return tx.messages(INBOX, asked);
        });
        assertEquals(List.of(3L, 5L, 6L, 7L, 9L, 17L, 39L, 40L), List.copyOf(read.keySet()), "held UIDs, in order");
        for (Map.Entry<Long, MessageRecord> e : read.entrySet()) {
            assertEquals(store.message(INBOX, e.getKey()).orElseThrow(), e.getValue(), "as message() reads it");
        }
        assertEquals(FLAGGED, read.get(6L).flags());
        assertEquals(99, read.get(6L).modSeq());
        assertTrue(write(tx -> tx.messages(INBOX, UidSet.empty())).isEmpty());
        assertTrue(write(tx -> tx.messages(new io.tidemark.model.MailboxRef(ACCOUNT,
                io.tidemark.model.MailboxName.of("Nowhere")), asked)).isEmpty(), "a mailbox not held has none");
    }

    @Test
    void aMessageWithoutOptionalFieldsRoundTrips() throws Exception {
        addMailbox(INBOX);
        MessageRecord bare = new MessageRecord(1, Flags.EMPTY, 0, 0, null, null, null, Envelope.EMPTY, false);
        putMessages(INBOX, bare);
        assertEquals(Optional.of(bare), store.message(INBOX, 1));
    }

    @Test
    void extremeValuesRoundTrip() throws Exception {
        addMailbox(INBOX);
        String longSubject = "S\u00fcbject ".repeat(250);
        String longId = "<" + "x".repeat(480) + "@example.com>";
        Envelope env = new Envelope(Instant.parse("1970-01-01T00:00:00Z"), longSubject, null, null, null, null, null,
                null, null, longId);
        MessageRecord big = new MessageRecord(UidSet.MAX_UID, Flags.parse("(\\Deleted \\Draft $Forwarded)"),
                Long.MAX_VALUE, 4_294_967_295L, Instant.parse("2099-12-31T23:59:59Z"), longId, "e".repeat(200), env,
                true);
        putMessages(INBOX, big);
        assertEquals(Optional.of(big), store.message(INBOX, UidSet.MAX_UID));
        assertEquals(UidSet.of(UidSet.MAX_UID), store.uids(INBOX));
    }

    @Test
    void everySystemFlagAndManyKeywordsRoundTrip() throws Exception {
        addMailbox(INBOX);
        StringBuilder list = new StringBuilder("(\\Seen \\Answered \\Flagged \\Deleted \\Draft");
        for (int i = 0; i < 40; i++) {
            list.append(" kw").append(i);
        }
        Flags all = Flags.parse(list.append(" \\Important $MDNSent)").toString());
        putMessages(INBOX, message(1, all));
        assertEquals(all, store.message(INBOX, 1).orElseThrow().flags());
    }

    @Test
    void messagesNeedASyncStateFirst() throws Exception {
        addAccount(ACCOUNT);
        commit(tx -> tx.putMailbox(mailboxRecord(INBOX)));
        assertStoreError(StoreError.INVALID, () -> putMessages(INBOX, message(1)));
        assertEquals(UidSet.empty(), store.uids(INBOX));
    }

    @Test
    void putMessagesReplacesByUidAndKeepsContent() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, message(1), message(2));
        commit(tx -> tx.putContent(INBOX, 1, content(1)));
        MessageRecord replaced = new MessageRecord(1, FLAGGED, 555, 1, null, "<new@x>", null, Envelope.EMPTY, false);
        putMessages(INBOX, replaced);
        assertEquals(Optional.of(replaced), store.message(INBOX, 1));
        assertContentEquals(content(1), store.content(INBOX, 1).orElseThrow());
        assertEquals(UidSet.of(1, 2), store.uids(INBOX));
    }

    @Test
    void aWindowOfMessagesIsWrittenInOneCall() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, messages(1, 500));
        assertEquals(UidSet.range(1, 500), store.uids(INBOX));
        assertEquals(Optional.of(message(250)), store.message(INBOX, 250));
    }

    @Test
    void updateFlagsSetsFlagsAndModSeqOfHeldMessagesOnly() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, message(1));
        assertTrue(write(tx -> tx.updateFlags(INBOX, 1, Flags.parse("(\\Flagged Custom)"), 9_000)));
        MessageRecord m = store.message(INBOX, 1).orElseThrow();
        assertEquals(Flags.parse("(\\Flagged Custom)"), m.flags());
        assertEquals(9_000, m.modSeq());
        assertEquals(message(1).withFlags(m.flags(), 9_000), m, "nothing else changes");
        assertFalse(write(tx -> tx.updateFlags(INBOX, 2, FLAGGED, 1)));
        assertEquals(Optional.empty(), store.message(INBOX, 2));
    }

    @Test
    void theHiddenMarkIsSetAndClearedOnHeldMessagesOnly() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, messages(1, 3));
        commit(tx -> tx.setHidden(INBOX, UidSet.parse("2:10"), true));
        assertFalse(store.message(INBOX, 1).orElseThrow().hidden());
        assertTrue(store.message(INBOX, 2).orElseThrow().hidden());
        assertTrue(store.message(INBOX, 3).orElseThrow().hidden());
        assertEquals(UidSet.range(1, 3), store.uids(INBOX), "uids() includes hidden messages");
        commit(tx -> tx.setHidden(INBOX, UidSet.of(3), false));
        assertFalse(store.message(INBOX, 3).orElseThrow().hidden());
        assertEquals(message(3), store.message(INBOX, 3).orElseThrow());
    }

    @Test
    void removeMessagesReturnsWhatItRemovedAndTakesTheContent() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, messages(1, 5));
        commit(tx -> tx.putContent(INBOX, 2, content(2)));
        assertEquals(UidSet.of(2, 4, 5), write(tx -> tx.removeMessages(INBOX, UidSet.parse("2,4:9"))));
        assertEquals(UidSet.of(1, 3), store.uids(INBOX));
        assertEquals(Optional.empty(), store.content(INBOX, 2));
        putMessages(INBOX, message(2));
        assertEquals(Optional.empty(), store.content(INBOX, 2), "a message put again under the UID has no content");
    }

    @Test
    void contentRoundTripsAndIsReplaced() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, message(1), message(2));
        MessageContent headersOnly = new MessageContent("(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 3 1)",
                "Subject: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), null);
        commit(tx -> {
            tx.putContent(INBOX, 1, content(1));
            tx.putContent(INBOX, 2, headersOnly);
        });
        assertContentEquals(content(1), store.content(INBOX, 1).orElseThrow());
        MessageContent read = store.content(INBOX, 2).orElseThrow();
        assertContentEquals(headersOnly, read);
        assertFalse(read.hasBody());
        commit(tx -> tx.putContent(INBOX, 2, content(2)));
        assertContentEquals(content(2), store.content(INBOX, 2).orElseThrow());
    }

    @Test
    void aWindowOfContentIsWrittenInOneCallAndReplacesWhatWasThere() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, messages(1, 300));
        commit(tx -> tx.putContent(INBOX, 7, content(1)));
        Map<Long, MessageContent> window = new LinkedHashMap<>();
        for (long uid = 1; uid <= 300; uid++) {
            window.put(uid, content(uid));
        }
        commit(tx -> tx.putContents(INBOX, window));
        assertContentEquals(content(7), store.content(INBOX, 7).orElseThrow()); // replaced
        assertContentEquals(content(1), store.content(INBOX, 1).orElseThrow());
        assertContentEquals(content(300), store.content(INBOX, 300).orElseThrow());
    }

    @Test
    void contentForAUidNotHeldFailsTheWholeWindow() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, messages(1, 3));
        Map<Long, MessageContent> window = new LinkedHashMap<>();
        window.put(1L, content(1));
        window.put(4L, content(4));
        assertStoreError(StoreError.NOT_FOUND, () -> commit(tx -> tx.putContents(INBOX, window)));
        assertEquals(Optional.empty(), store.content(INBOX, 1), "nothing of a failed transaction is kept");
    }

    @Test
    void largeBinaryContentRoundTrips() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, message(1));
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(body);
        MessageContent c = new MessageContent(null, null, body);
        commit(tx -> tx.putContent(INBOX, 1, c));
        assertContentEquals(c, store.content(INBOX, 1).orElseThrow());
    }

    @Test
    void contentNeedsAHeldMessage() throws Exception {
        addMailbox(INBOX);
        assertStoreError(StoreError.NOT_FOUND, () -> commit(tx -> tx.putContent(INBOX, 1, content(1))));
        assertEquals(Optional.empty(), store.content(INBOX, 1));
    }

    @Test
    void relinkMovesRecordAndContentUnderTheNewUid() throws Exception {
        addMailbox(INBOX);
        addMailbox(ARCHIVE, UIDVALIDITY + 7);
        putMessages(INBOX, message(5), message(6));
        commit(tx -> tx.putContent(INBOX, 5, content(5)));
        commit(tx -> tx.relink(INBOX, 5, ARCHIVE, 900, null));
        assertEquals(Optional.empty(), store.message(INBOX, 5));
        assertEquals(Optional.empty(), store.content(INBOX, 5));
        assertEquals(UidSet.of(6), store.uids(INBOX));
        MessageRecord moved = store.message(ARCHIVE, 900).orElseThrow();
        assertEquals(message(5).withUid(900), moved);
        assertContentEquals(content(5), store.content(ARCHIVE, 900).orElseThrow());
        assertEquals(List.of(new MessageLocation(ARCHIVE, moved)),
                store.findByMessageId(ACCOUNT, messageId(5)));
    }

    @Test
    void relinkTakesTheUpdatedFlagsAndModSeq() throws Exception {
        addMailbox(INBOX);
        addMailbox(ARCHIVE);
        putMessages(INBOX, message(5));
        commit(tx -> tx.putContent(INBOX, 5, content(5)));
        MessageRecord updated = message(5).withUid(31).withFlags(FLAGGED, 4242);
        commit(tx -> tx.relink(INBOX, 5, ARCHIVE, 31, updated));
        MessageRecord moved = store.message(ARCHIVE, 31).orElseThrow();
        assertEquals(FLAGGED, moved.flags());
        assertEquals(4242, moved.modSeq());
        assertEquals(message(5).envelope(), moved.envelope());
        assertContentEquals(content(5), store.content(ARCHIVE, 31).orElseThrow());
    }

    @Test
    void relinkWithinOneMailboxChangesTheUid() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, message(5));
        commit(tx -> tx.relink(INBOX, 5, INBOX, 50, null));
        assertEquals(UidSet.of(50), store.uids(INBOX));
        assertEquals(message(5).envelope(), store.message(INBOX, 50).orElseThrow().envelope());
    }

    @Test
    void relinkOfAMessageNotHeldFailsWithNotFound() throws Exception {
        addMailbox(INBOX);
        addMailbox(ARCHIVE);
        assertStoreError(StoreError.NOT_FOUND, () -> commit(tx -> tx.relink(INBOX, 5, ARCHIVE, 1, null)));
        assertEquals(UidSet.empty(), store.uids(ARCHIVE));
    }

    @Test
    void messagesOfDifferentMailboxesWithTheSameUidStayApart() throws Exception {
        addMailbox(INBOX);
        addMailbox(ARCHIVE);
        putMessages(INBOX, message(1));
        putMessages(ARCHIVE, message(1, FLAGGED));
        commit(tx -> tx.putContent(ARCHIVE, 1, content(99)));
        assertEquals(Optional.of(message(1)), store.message(INBOX, 1));
        assertEquals(FLAGGED, store.message(ARCHIVE, 1).orElseThrow().flags());
        assertEquals(Optional.empty(), store.content(INBOX, 1));
        commit(tx -> tx.removeMessages(INBOX, UidSet.of(1)));
        assertEquals(UidSet.of(1), store.uids(ARCHIVE));
    }
}
