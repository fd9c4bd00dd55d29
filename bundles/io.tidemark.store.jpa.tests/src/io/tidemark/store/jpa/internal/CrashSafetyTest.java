/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import static io.tidemark.store.jpa.internal.StoreChild.INBOX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailboxSyncState;

/**
 * Crash safety (invariant I1 at the store level): a writer in another JVM is killed with SIGKILL in the middle
 * of large transactions, again and again. After every kill the store opens with exactly the transactions that
 * committed: every one the writer reported, at most the one whose report the kill cut off, and nothing of the
 * one in flight.
 */
class CrashSafetyTest {

    private static final int ROUNDS = 20;
    /** Messages (with 2 KB of content each) per transaction: a sync window and then some. */
    private static final int PER_TX = 1500;

    @TempDir
    Path dir;

    @Test
    void aWriterKilledMidTransactionLeavesTheLastCommittedStateIntact() throws Exception {
        Path folder = dir.resolve("store");
        Path log = dir.resolve("child.log");
        Random random = new Random(20241125);
        long reported = 0;
        int killedInFlight = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            List<String> seen = new ArrayList<>();
            try (ChildJvm child = ChildJvm.start(StoreChild.class, log, "write", folder.toString(),
                    Integer.toString(PER_TX))) {
                // let 0-2 transactions of this round commit, then kill at a random point of the next one
                long target = reported + 1 + random.nextInt(3);
                while (true) {
                    String line = child.nextLine(120_000);
                    if (line == null || line.equals("<EOF>") || line.startsWith("FAILED")) {
                        fail("round " + round + ": the writer stopped: " + line + "\n" + Files.readString(log));
                    }
                    seen.add(line);
                    if (line.equals("BEGIN " + target)) {
                        break;
                    }
                }
                Thread.sleep(random.nextInt(600));
                child.kill();
                seen.addAll(child.drain());
            }
            // what the store must hold at least: what it held before this round and what the writer reported
            long committed = Math.max(reported, last(seen, "COMMITTED "));
            long begun = last(seen, "BEGIN ");

            long found = verify(folder, round);
            assertTrue(found >= committed, "round " + round + ": transaction " + committed
                    + " was reported committed but the store holds only " + found);
            assertTrue(found <= committed + 1, "round " + round + ": the store holds " + found
                    + " transactions, more than the " + committed + " reported and the one in flight");
            if (found < begun) {
                killedInFlight++;
            }
            reported = found;
        }
        System.out.println("CrashSafetyTest: " + ROUNDS + " kills, " + killedInFlight
                + " inside a transaction, " + reported + " transactions of " + PER_TX + " messages committed");
    }

    /** Opens the store in this JVM, checks that it holds whole transactions only; @return how many */
    private static long verify(Path folder, int round) throws Exception {
        JpaMailStore store = new JpaMailStore(StoreSettings.h2(folder));
        try {
            store.open();
            if (store.mailbox(INBOX).isEmpty()) {
                return 0;
            }
            MailboxSyncState state = store.syncState(INBOX).orElseThrow();
            long n = state.highestModSeq();
            long messages = n * PER_TX;
            String where = "round " + round + ", " + n + " transactions: ";
            assertEquals(messages, state.exists(), where + "EXISTS written with the messages");
            assertEquals(messages == 0 ? UidSet.empty() : UidSet.range(1, messages), store.uids(INBOX),
                    where + "exactly the messages of whole transactions");
            if (n > 0) {
                for (long uid : new long[] { messages - PER_TX + 1, messages }) {
                    assertEquals(Samples.message(uid), store.message(INBOX, uid).orElseThrow(), where + uid);
                    assertArrayEquals(StoreChild.content(uid).body(),
                            store.content(INBOX, uid).orElseThrow().body(), where + "content " + uid);
                }
            }
            try (Connection c = store.openDatabase().connection(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM tm_content")) {
                r.next();
                assertEquals(messages, r.getLong(1), where + "content rows");
            }
            return n;
        } finally {
            store.close();
        }
    }

    private static long last(List<String> lines, String prefix) {
        long n = 0;
        for (String l : lines) {
            if (l.startsWith(prefix)) {
                n = Math.max(n, Long.parseLong(l.substring(prefix.length()).trim()));
            }
        }
        return n;
    }
}
