/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.testing.MailboxSnapshot;
import io.tidemark.testing.OtherClient;

/** Compares a replica with the server (invariant I6). */
final class Replica {

    private Replica() {
    }

    /** Asserts that each mailbox's replica holds exactly the server's UIDs, each with the server's flags. */
    static void assertConverged(MailStore store, AccountId account, OtherClient server, List<String> mailboxes,
            String context) throws CoreException {
        for (String name : mailboxes) {
            MailboxSnapshot snap = server.snapshot(name);
            MailboxRef ref = new MailboxRef(account, MailboxName.of(name));
            UidSet local = store.uids(ref);
            assertEquals(snap.uids(), local, context + ": UIDs of " + name);
            assertEquals(snap.uidValidity(), store.syncState(ref).orElseThrow().uidValidity(),
                    context + ": UIDVALIDITY of " + name);
            for (long uid : local.toArray()) {
                MessageRecord r = store.message(ref, uid).orElseThrow();
                assertTrue(r.flags().sameAs(snap.flagsOf(uid)), context + ": flags of " + name + " UID " + uid
                        + ": replica " + r.flags() + ", server " + snap.flagsOf(uid));
                // the one message that stays hidden: deleted here on a server without UIDPLUS, where only
                // \Deleted is set (a bare EXPUNGE would take other clients' \Deleted mail too, I4)
                boolean waitsForAnExpunge = !server.hasCapability("UIDPLUS")
                        && snap.flagsOf(uid).has(SystemFlag.DELETED);
                assertFalse(r.hidden() && !waitsForAnExpunge, context + ": " + name + " UID " + uid
                        + " is still hidden");
            }
        }
    }
}
