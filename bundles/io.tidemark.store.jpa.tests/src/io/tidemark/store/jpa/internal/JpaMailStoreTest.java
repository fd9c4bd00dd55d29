/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import static io.tidemark.store.jpa.internal.Samples.ACCOUNT;
import static io.tidemark.store.jpa.internal.Samples.INBOX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageContent;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;

/** The JPA store on an H2 file. */
class JpaMailStoreTest {

    @TempDir
    Path dir;

    private JpaMailStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private JpaMailStore open() throws Exception {
        store = new JpaMailStore(StoreSettings.h2(dir));
        store.open();
        return store;
    }

    @Test
    void messagesWrittenAreReadBackAfterReopening() throws Exception {
        open();
        store.write(tx -> {
            tx.putAccount(Samples.account(ACCOUNT));
            tx.putMailbox(Samples.mailbox(INBOX));
            tx.putSyncState(INBOX, MailboxSyncState.initial(7));
            tx.putMessages(INBOX, Samples.messages(1, 50));
            return null;
        });
        store.close();
        open();
        assertEquals(Samples.account(ACCOUNT), store.account(ACCOUNT).orElseThrow());
        assertEquals(Samples.message(17), store.message(INBOX, 17).orElseThrow());
        List<MessageRecord> page = store.page(INBOX, MessageOrder.DATE_DESC, 0, 3);
        assertEquals(List.of(50L, 49L, 48L), page.stream().map(MessageRecord::uid).toList());
        assertTrue(store.uids(INBOX).size() == 50);
    }

    @Test
    void headersAndSmallBodiesLiveInTheirRowsAndLargeBodiesInLobStorage() throws Exception {
        open();
        byte[] header = ("Subject: " + "h".repeat(3000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] small = "s".repeat(4000).getBytes(StandardCharsets.US_ASCII);
        byte[] large = new byte[300_000];
        new java.util.Random(3).nextBytes(large);
        store.write(tx -> {
            tx.putAccount(Samples.account(ACCOUNT));
            tx.putMailbox(Samples.mailbox(INBOX));
            tx.putSyncState(INBOX, MailboxSyncState.initial(7));
            tx.putMessages(INBOX, Samples.messages(1, 2));
            tx.putContent(INBOX, 1, new MessageContent("(\"TEXT\" \"PLAIN\")", header, small));
            tx.putContent(INBOX, 2, new MessageContent(null, header, large));
            return null;
        });
        store.close();
        open();
        // the database the store opened keeps values up to 4 kB inline (see StoreSettings.H2_SETTINGS)
        try (Connection c = store.openDatabase().connection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME = 'MAX_LENGTH_INPLACE_LOB'")) {
            assertTrue(r.next());
            assertEquals(4096, Integer.parseInt(r.getString(1)));
        }
        MessageContent one = store.content(INBOX, 1).orElseThrow();
        MessageContent two = store.content(INBOX, 2).orElseThrow();
        assertArrayEquals(header, one.header());
        assertArrayEquals(small, one.body());
        assertArrayEquals(header, two.header());
        assertArrayEquals(large, two.body());
    }

    private static MessageRecord pass0(MessageRecord m, io.tidemark.model.Flags flags) {
        return m.withFlags(flags, m.modSeq());
    }

    @Test
    void closingASparseH2StoreGivesItsSpaceBack() throws Exception {
        open();
        store.write(tx -> {
            tx.putAccount(Samples.account(ACCOUNT));
            tx.putMailbox(Samples.mailbox(INBOX));
            tx.putSyncState(INBOX, MailboxSyncState.initial(7));
            return null;
        });
        for (int pass = 0; pass < 8; pass++) {
            // the first pass inserts, the others change every flag: each window commit leaves old pages behind
            io.tidemark.model.Flags flags = pass % 2 == 0 ? io.tidemark.model.Flags.EMPTY
                    : io.tidemark.model.Flags.of(io.tidemark.model.SystemFlag.FLAGGED);
            for (int w = 0; w < 80; w++) {
                List<MessageRecord> window = Samples.messages(w * 250L + 1, w * 250L + 250).stream()
                        .map(m -> pass0(m, flags)).toList();
                store.write(tx -> {
                    tx.putMessages(INBOX, window);
                    return null;
                });
            }
        }
        int fill;
        try (java.sql.Connection c = store.openDatabase().connection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME = 'info.CHUNKS_FILL_RATE'")) {
            r.next();
            fill = Integer.parseInt(r.getString(1).trim());
        }
        assertTrue(fill < Database.COMPACT_BELOW_FILL_PERCENT, "the writes left a sparse file: " + fill + "%");
        long before = java.nio.file.Files.size(dir.resolve("tidemark.mv.db"));
        store.close();
        long after = java.nio.file.Files.size(dir.resolve("tidemark.mv.db"));
        assertTrue(after < before / 2, "compacted on close: " + before + " -> " + after + " bytes");
        open();
        assertEquals(pass0(Samples.message(20_000), io.tidemark.model.Flags.of(io.tidemark.model.SystemFlag.FLAGGED)),
                store.message(INBOX, 20_000).orElseThrow(), "and the data is all there");
        assertEquals(20_000, store.counts(INBOX).messages());
    }
}
