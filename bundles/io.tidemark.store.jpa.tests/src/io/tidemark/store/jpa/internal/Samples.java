/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.Address;
import io.tidemark.model.Envelope;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.Security;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MessageRecord;

/** Sample values for the store tests. */
final class Samples {

    static final AccountId ACCOUNT = AccountId.of("work");
    static final MailboxRef INBOX = new MailboxRef(ACCOUNT, MailboxName.INBOX);
    static final MailboxRef ARCHIVE = new MailboxRef(ACCOUNT, MailboxName.of("Archive"));
    static final Instant BASE = Instant.parse("2024-03-01T10:00:00Z");

    private Samples() {
    }

    static AccountConfig account(AccountId id) {
        return AccountConfig.builder(id).host("127.0.0.1").port(10143).security(Security.NONE).allowInsecure(true)
                .user("alice").build();
    }

    static MailboxRecord mailbox(MailboxRef ref) {
        return new MailboxRecord(ref, '/', Set.of("\\HasNoChildren"), true, true);
    }

    /** A message whose date, sender and subject derive from its UID. */
    static MessageRecord message(long uid) {
        Envelope env = new Envelope(BASE.plusSeconds(uid), "Subject " + uid,
                List.of(new Address("Sender " + (uid % 7), "s" + (uid % 7) + "@example.com")), null, null,
                List.of(new Address(null, "alice@example.com")), null, null, null, "<m" + uid + "@example.com>");
        return new MessageRecord(uid, uid % 2 == 0 ? Flags.SEEN : Flags.EMPTY, uid, 1000 + uid,
                BASE.plusSeconds(uid), "<m" + uid + "@example.com>", "E" + uid, env, false);
    }

    static List<MessageRecord> messages(long from, long to) {
        List<MessageRecord> out = new ArrayList<>();
        for (long uid = from; uid <= to; uid++) {
            out.add(message(uid));
        }
        return out;
    }
}
