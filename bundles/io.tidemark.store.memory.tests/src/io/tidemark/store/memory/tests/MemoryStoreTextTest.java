/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.memory.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;

/**
 * The memory store packs a message's text into bytes of its own format; these cases go beyond the TCK
 * (which keeps to text every database can hold) and pin that the packing loses nothing: NUL, unpaired
 * surrogates, dates before 1970 and with nanoseconds, and every shortcut the packing takes (sender or
 * Reply-To equal to From, envelope Message-ID equal to the record's or not).
 */
class MemoryStoreTextTest {

    private static final AccountId ACCOUNT = AccountId.of("text");
    private static final MailboxRef INBOX = new MailboxRef(ACCOUNT, MailboxName.INBOX);

    private ComponentInstance<MailStore> instance;
    private MailStore store;

    @BeforeEach
    void createStore() throws Exception {
        instance = PrivateStores.create();
        store = instance.getInstance();
        store.write(tx -> {
            tx.putAccount(AccountConfig.builder(ACCOUNT).host("127.0.0.1").user("u").build());
            tx.putMailbox(new MailboxRecord(INBOX, '/', null, true, true));
            tx.putSyncState(INBOX, MailboxSyncState.initial(1));
            return null;
        });
    }

    @AfterEach
    void disposeStore() {
        instance.dispose();
    }

    private MessageRecord roundTrip(MessageRecord m) throws Exception {
        store.write(tx -> {
            tx.putMessages(INBOX, List.of(m));
            return null;
        });
        return store.message(INBOX, m.uid()).orElseThrow();
    }

    @Test
    void textThatNoDatabaseKeepsRoundTripsExactly() throws Exception {
        String odd = "nul\0 lone-high\uD800 lone-low\uDC00 pair\uD83D\uDCEC end\uFFFF \u0080\u07FF\u0800";
        Envelope env = new Envelope(Instant.ofEpochSecond(-86_400L * 365 * 30, 123_456_789), odd,
                List.of(new Address(odd, "a\0@x")), null, null, null, null, null, odd, "<" + odd + ">");
        MessageRecord m = new MessageRecord(1, Flags.parse("(\\Seen " + "k\u00e9y" + ")"), 1, 1,
                Instant.ofEpochSecond(-1, 999_999_999), odd, odd, env, false);
        assertEquals(m, roundTrip(m));
    }

    @Test
    void everyShortcutOfThePackingRoundTrips() throws Exception {
        List<Address> from = List.of(new Address("F", "f@x"));
        List<Address> other = List.of(new Address("O", "o@x"));
        int uid = 1;
        for (boolean senderIsFrom : new boolean[] { true, false }) {
            for (boolean replyToIsFrom : new boolean[] { true, false }) {
                for (String envelopeId : new String[] { "<id@x>", "<other@x>", null }) {
                    for (Instant date : new Instant[] { null, Instant.parse("2020-02-02T02:02:02Z") }) {
                        Envelope env = new Envelope(date, "s", from, senderIsFrom ? from : other,
                                replyToIsFrom ? from : other, other, List.of(), other, "<p@x>", envelopeId);
                        MessageRecord m = new MessageRecord(uid++, Flags.EMPTY, 0, 0, null, "<id@x>", null, env,
                                false);
                        assertEquals(m, roundTrip(m), env.toString());
                    }
                }
            }
        }
        MessageRecord onlyIds = new MessageRecord(uid, Flags.EMPTY, 0, 0, null, "<id@x>", "E", Envelope.EMPTY, true);
        assertEquals(onlyIds, roundTrip(onlyIds));
        MessageRecord nothing = new MessageRecord(uid + 1, Flags.EMPTY, 0, 0, null, null, null, Envelope.EMPTY, false);
        assertEquals(nothing, roundTrip(nothing));
    }

    @Test
    void sortKeysComeFromThePackedText() throws Exception {
        Envelope first = new Envelope(null, "\u00c4pfel", List.of(new Address(" ", "zed@x")), null, null, null, null,
                null, null, null);
        Envelope second = new Envelope(null, "apfel", List.of(new Address("Ann", "b@x")), null, null, null, null,
                null, null, null);
        roundTrip(new MessageRecord(1, Flags.EMPTY, 0, 0, null, null, null, first, false));
        roundTrip(new MessageRecord(2, Flags.EMPTY, 0, 0, null, null, null, second, false));
        assertEquals(List.of(2L, 1L), uids(store.page(INBOX, MessageOrder.SUBJECT, 0, 10)),
                "'apfel' before '\u00e4pfel' in code-unit order");
        assertEquals(List.of(2L, 1L), uids(store.page(INBOX, MessageOrder.SENDER, 0, 10)),
                "a blank name sorts by the address 'zed@x'");
        assertEquals(Optional.of(first), store.message(INBOX, 1).map(MessageRecord::envelope));
    }

    private static List<Long> uids(List<MessageRecord> page) {
        return page.stream().map(MessageRecord::uid).toList();
    }
}
