/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.Address;
import io.tidemark.model.Envelope;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.Security;
import io.tidemark.model.SystemFlag;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageRecord;

/**
 * Fills the store directly with a replica, as a long-finished sync would have left it: for tests of the
 * views alone (refresh, 100,000 rows) where no server is involved.
 */
final class StoreMail {

    private static final String[] NAMES = { "Ada Lovelace", "Alan Turing", "Barbara Liskov", "Brian Kernighan",
            "Donald Knuth", "Edsger Dijkstra", "Frances Allen", "Grace Hopper", "Ken Thompson", "Leslie Lamport",
            "Linus Torvalds", "Margaret Hamilton", "Niklaus Wirth", "Radia Perlman", "Tony Hoare", "Whitfield Diffie" };
    private static final String[] WORDS = { "release", "build", "review", "sync", "mailbox", "invoice", "meeting",
            "agenda", "draft", "patch", "question", "report", "update", "notes", "plan", "budget", "travel", "team",
            "server", "backup" };

    private StoreMail() {
    }

    /** @return an account no sync will reach (nothing listens on port 9 of loopback) */
    static AccountConfig account(String id) {
        return AccountConfig.builder(AccountId.of(id)).host("127.0.0.1").port(9).security(Security.NONE)
                .allowInsecure(true).user("nobody").build();
    }

    /**
     * Stores the account, one synced mailbox and {@code n} messages (UIDs 1..n, a minute apart, every fifth
     * unread), in transactions of 5,000.
     *
     * @return the mailbox
     */
    static MailboxRef fill(MailStore store, AccountConfig account, String mailbox, int n) throws CoreException {
        MailboxRef ref = new MailboxRef(account.id(), MailboxName.of(mailbox));
        store.write(tx -> {
            tx.putAccount(account);
            tx.putMailbox(new MailboxRecord(ref, '/', Set.of(), true, true));
            tx.putSyncState(ref, new MailboxSyncState(1, n + 1L, 0, n, n, Instant.now(), "QRESYNC", null));
            return null;
        });
        Random r = new Random(42);
        Instant t0 = Instant.parse("2025-01-01T08:00:00Z");
        for (int from = 1; from <= n; from += 5000) {
            List<MessageRecord> batch = new ArrayList<>();
            for (int uid = from; uid < Math.min(n + 1, from + 5000); uid++) {
                batch.add(record(uid, r, t0));
            }
            store.write(tx -> {
                tx.putMessages(ref, batch);
                return null;
            });
        }
        return ref;
    }

    static MessageRecord record(long uid, Random r, Instant t0) {
        String name = NAMES[r.nextInt(NAMES.length)];
        String subject = WORDS[r.nextInt(WORDS.length)] + " " + WORDS[r.nextInt(WORDS.length)] + " #" + uid;
        subject = Character.toUpperCase(subject.charAt(0)) + subject.substring(1);
        Instant date = t0.plusSeconds(60 * uid);
        Envelope env = new Envelope(date, subject,
                List.of(new Address(name, name.toLowerCase().replace(' ', '.') + "@example.org")), null, null,
                List.of(new Address("Alice", "alice@example.org")), null, null, null, "<" + uid + "@tidemark.test>");
        Flags flags = uid % 5 == 0 ? Flags.EMPTY : Flags.of(SystemFlag.SEEN);
        return new MessageRecord(uid, flags, 0, 1000 + r.nextInt(40_000), date, "<" + uid + "@tidemark.test>", null,
                env, false);
    }

    static void remove(MailStore store, AccountId id) throws CoreException {
        store.write(tx -> {
            tx.removeAccount(id);
            return null;
        });
    }
}
