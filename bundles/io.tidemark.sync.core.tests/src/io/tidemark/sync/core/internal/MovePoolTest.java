/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageLocation;
import io.tidemark.store.api.MessageRecord;

/**
 * {@link MovePool} on the real memory store, with the calls it makes to the store counted: a pool of vanished
 * messages is read once per mailbox and matched in memory; a pool above the limit is matched by a store lookup
 * per new message; both find the same moves and refuse the same ambiguous ones.
 */
class MovePoolTest {

    private final MailStore real = Services.memoryStore();
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    private final MailStore store = (MailStore) Proxy.newProxyInstance(MailStore.class.getClassLoader(),
            new Class<?>[] { MailStore.class }, (proxy, method, args) -> {
                calls.merge(method.getName(), 1, Integer::sum);
                try {
                    return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    private AccountConfig account;
    private MailboxRef inbox;
    private MailboxRef archive;

    @BeforeEach
    void fill() throws Exception {
        account = AccountConfig.fromUrl("movepool-" + UUID.randomUUID(), "imap+plain://u@127.0.0.1:1", true).build();
        inbox = new MailboxRef(account.id(), MailboxName.of("INBOX"));
        archive = new MailboxRef(account.id(), MailboxName.of("Archive"));
        real.write(tx -> {
            tx.putAccount(account);
            tx.putMailbox(new MailboxRecord(inbox, '/', Set.of(), true, true));
            tx.putMailbox(new MailboxRecord(archive, '/', Set.of(), true, true));
            tx.putSyncState(inbox, MailboxSyncState.initial(1));
            tx.putSyncState(archive, MailboxSyncState.initial(2));
            List<MessageRecord> messages = new ArrayList<>();
            for (long uid = 1; uid <= 6; uid++) {
                messages.add(message(uid, uid));
            }
            messages.add(message(7, 6)); // the same identity as UID 6: a duplicate
            tx.putMessages(inbox, messages);
            tx.putMessages(archive, List.of(message(1, 1))); // the same identity, but not vanished
            return null;
        });
    }

    @AfterEach
    void remove() throws Exception {
        real.write(tx -> {
            tx.removeAccount(account.id());
            return null;
        });
    }

    private static MessageRecord message(long uid, long n) {
        return new MessageRecord(uid, Flags.of(List.of()), 1, 1000 + n, Instant.ofEpochSecond(1_700_000_000L + n),
                "<m" + n + "@movepool.test>", null, null, false);
    }

    private static MessageIdentity identity(long n) {
        return MessageIdentity.of(message(99, n));
    }

    private MovePool pool(UidSet vanished) {
        MovePool pool = new MovePool(store, account.id(), false);
        pool.add(inbox, vanished);
        return pool;
    }

    @Test
    void vanishedMessagesAreReadOncePerMailboxAndMatchedWithoutAQueryPerNewMessage() throws Exception {
        MovePool pool = pool(UidSet.range(1, 7));
        for (long n = 1; n <= 5; n++) {
            MessageLocation found = pool.take(identity(n));
            assertEquals(inbox, found.mailbox());
            assertEquals(n, found.message().uid());
        }
        assertNull(pool.take(identity(42)), "no vanished message has that identity");
        assertNull(pool.take(identity(6)), "two vanished messages have that identity: ambiguous");
        assertNull(pool.take(identity(3)), "taken already");
        assertEquals(UidSet.of(6, 7), pool.remaining(inbox));
        assertEquals(1, calls.getOrDefault("scan", 0), calls::toString);
        assertEquals(0, calls.getOrDefault("findByMessageId", 0), calls::toString);
    }

    @Test
    void aPoolAboveTheLimitLooksEachNewMessageUpAndFindsTheSameMoves() throws Exception {
        MovePool pool = pool(UidSet.range(1, MovePool.PRELOAD_LIMIT + 10));
        assertEquals(2, pool.take(identity(2)).message().uid());
        assertNull(pool.take(identity(6)), "ambiguous");
        assertNull(pool.take(identity(2)), "taken already");
        assertEquals(0, calls.getOrDefault("scan", 0), calls::toString);
        assertEquals(3, calls.getOrDefault("findByMessageId", 0), calls::toString);
    }

    @Test
    void mailboxesAddedAfterALookupAreReadToo() throws Exception {
        MovePool pool = pool(UidSet.of(1));
        assertNull(pool.take(identity(2)), "UID 2 has not vanished yet");
        pool.add(inbox, UidSet.of(2));
        assertEquals(2, pool.take(identity(2)).message().uid());
        assertEquals(2, calls.getOrDefault("scan", 0), calls::toString);
    }
}
