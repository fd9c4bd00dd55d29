/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import static io.tidemark.store.jpa.internal.Samples.ACCOUNT;
import static io.tidemark.store.jpa.internal.Samples.INBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tidemark.model.Address;
import io.tidemark.model.Envelope;
import io.tidemark.model.Flags;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;

/**
 * A page by date or UID of a large mailbox is read through an index in page order, never by sorting the
 * mailbox: the database's own plan says so, on H2 and on PostgreSQL. (Speed is measured by the benchmark
 * in {@code releng/benchmarks}; this test checks the property that makes it independent of the mailbox size.)
 */
class PagePlanTest {

    private static final int MESSAGES = 20_000;

    private JpaMailStore store;

    @AfterEach
    void dispose() throws Exception {
        if (store != null) {
            TestStores.dispose(store);
        }
    }

    private JpaMailStore fill(Backend backend) throws Exception {
        store = backend == Backend.H2 ? TestStores.h2() : TestStores.postgres();
        store.write(tx -> {
            tx.putAccount(Samples.account(ACCOUNT));
            tx.putMailbox(Samples.mailbox(INBOX));
            tx.putSyncState(INBOX, MailboxSyncState.initial(9));
            return null;
        });
        Random random = new Random(7);
        for (int from = 1; from <= MESSAGES; from += 1000) {
            List<MessageRecord> window = new ArrayList<>();
            for (long uid = from; uid < from + 1000; uid++) {
                // dates, senders and subjects unrelated to the UID: only an index gives them in order
                Instant date = Samples.BASE.minusSeconds(random.nextInt(50_000_000));
                Envelope env = new Envelope(date, "s" + random.nextInt(5000),
                        List.of(new Address("n" + random.nextInt(3000), "a@example.com")), null, null, null, null,
                        null, null, null);
                window.add(new MessageRecord(uid, Flags.EMPTY, uid, 100, date, null, null, env, uid % 50 == 0));
            }
            store.write(tx -> {
                tx.putMessages(INBOX, window);
                return null;
            });
        }
        return store;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void pagesAndUidRangesReadAnIndexInsteadOfTheMailbox(Backend backend) throws Exception {
        fill(backend);
        long mailbox;
        try (Connection c = store.openDatabase().connection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT id FROM tm_mailbox")) {
                r.next();
                mailbox = r.getLong(1);
            }
            if (backend == Backend.POSTGRESQL) {
                s.execute("ANALYZE tm_message"); // what autovacuum does for a real store
            }
            // sender and subject have no index (see Schema): those pages sort the visible messages
            for (MessageOrder order : new MessageOrder[] { MessageOrder.DATE_DESC, MessageOrder.DATE_ASC,
                    MessageOrder.UID_DESC }) {
                for (int offset : new int[] { 0, 5_000 }) {
                    String sql = MessageRows.pageSql(backend, order).replaceFirst("\\?", Long.toString(mailbox))
                            .replaceFirst("\\?", Integer.toString(offset)).replaceFirst("\\?", "100");
                    String plan = plan(s, backend, sql);
                    String what = backend + " " + order + " offset " + offset + ":\n" + plan;
                    if (backend == Backend.H2) {
                        assertTrue(plan.contains("/* index sorted */"), what);
                        Matcher m = Pattern.compile("scanCount: (\\d+)").matcher(plan);
                        assertTrue(m.find(), what);
                        // rows read: the page and what precedes it (plus hidden rows skipped), not the mailbox
                        assertTrue(Long.parseLong(m.group(1)) <= (offset + 100) * 51 / 50 + 2, what);
                    } else {
                        assertTrue(plan.contains("Index Scan") || plan.contains("Index Only Scan"), what);
                        assertFalse(plan.contains("Sort"), what);
                        assertFalse(plan.contains("Seq Scan"), what);
                    }
                }
            }
        }
        // a range of UIDs (scan, window upserts and deletes) reads the range, not the mailbox
        try (Connection c = store.openDatabase().connection(); Statement s = c.createStatement()) {
            String plan = plan(s, backend, "SELECT " + MessageRows.BODY + " FROM tm_message WHERE mailbox_id = "
                    + mailbox + " AND uid >= 9000 AND uid <= 9099 ORDER BY mailbox_id, uid FETCH FIRST 500 ROWS ONLY");
            if (backend == Backend.H2) {
                Matcher m = Pattern.compile("scanCount: (\\d+)").matcher(plan);
                assertTrue(m.find() && Long.parseLong(m.group(1)) <= 101, plan);
            } else {
                assertFalse(plan.contains("Seq Scan") || plan.contains("Sort"), plan);
            }
        }
        // and the page itself is right: newest first, hidden ones left out
        List<MessageRecord> page = store.page(INBOX, MessageOrder.DATE_DESC, 0, 100);
        assertEquals(100, page.size());
        for (int i = 1; i < page.size(); i++) {
            assertTrue(page.get(i - 1).internalDate().compareTo(page.get(i).internalDate()) >= 0);
            assertFalse(page.get(i).hidden());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void scatteredUidsAreLookedUpInTheKeyNotFoundByReadingTheMailbox(Backend backend) throws Exception {
        fill(backend);
        try (Connection c = store.openDatabase().connection(); Statement s = c.createStatement()) {
            long mailbox;
            try (ResultSet r = s.executeQuery("SELECT id FROM tm_mailbox")) {
                r.next();
                mailbox = r.getLong(1);
            }
            if (backend == Backend.POSTGRESQL) {
                s.execute("ANALYZE tm_message");
            }
            // what a delete, hidden mark or flag read of 60 scattered UIDs (one IN chunk) runs
            boolean rowValues = MessageRows.isH2(c); // the choice the store makes
            String sql = "SELECT uid FROM tm_message WHERE " + MessageRows.singlesCondition(rowValues, "", 60);
            if (!rowValues) {
                sql = sql.replaceFirst("\\?", Long.toString(mailbox));
            }
            for (int k = 0; k < 60; k++) {
                if (rowValues) {
                    sql = sql.replaceFirst("\\?", Long.toString(mailbox));
                }
                sql = sql.replaceFirst("\\?", Long.toString(7 + 311L * k));
            }
            String plan = plan(s, backend, sql);
            if (backend == Backend.H2) {
                Matcher m = Pattern.compile("scanCount: (\\d+)").matcher(plan);
                assertTrue(m.find(), plan);
                assertTrue(Long.parseLong(m.group(1)) <= 61, "rows read for 60 UIDs of " + MESSAGES + ":\n" + plan);
            } else {
                assertFalse(plan.contains("Seq Scan"), plan);
            }
            int found = 0;
            try (ResultSet r = s.executeQuery(sql)) {
                while (r.next()) {
                    assertEquals(7, r.getLong(1) % 311);
                    found++;
                }
            }
            assertEquals(60, found);
        }
    }

    private static String plan(Statement s, Backend backend, String sql) throws Exception {
        String explain = backend == Backend.H2 ? "EXPLAIN ANALYZE " : "EXPLAIN (ANALYZE, COSTS OFF) ";
        StringBuilder out = new StringBuilder();
        try (ResultSet r = s.executeQuery(explain + sql)) {
            while (r.next()) {
                out.append(r.getString(1)).append('\n');
            }
        }
        return out.toString();
    }
}
