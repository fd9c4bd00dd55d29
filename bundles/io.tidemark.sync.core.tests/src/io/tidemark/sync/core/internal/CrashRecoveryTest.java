/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailStore;
import io.tidemark.sync.api.SyncRequest;
import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.MailboxSnapshot;
import io.tidemark.testing.MessageFactory;
import io.tidemark.testing.OtherClient;

/**
 * Crash anywhere (invariants I1, I2): the engine is stopped at every step boundary of replay and of incoming
 * sync in turn, as a crash would stop it; a new engine on the same store then converges with no local change
 * lost and none applied twice (a read/unread toggle applied twice would leave the message read; an append
 * applied twice would leave a duplicate).
 */
class CrashRecoveryTest {

    /** Thrown by the hook to stop the engine dead at a checkpoint. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String step) {
            super("simulated crash at " + step);
        }
    }

    @TestFactory
    Stream<DynamicTest> aCrashAtEveryStepBoundaryLosesNothingAndDuplicatesNothing() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Supplier<TestServer>> servers = List.of(() -> TestServer.dovecot(CapabilityProfile.FULL),
                () -> TestServer.dovecot(CapabilityProfile.CONDSTORE_ONLY),
                () -> TestServer.dovecot(CapabilityProfile.PLAIN), TestServer::greenMail);
        for (Supplier<TestServer> s : servers) {
            tests.add(DynamicTest.dynamicTest(nameOf(s), () -> {
                for (int n = 1; n < 200; n++) {
                    if (!crashAt(s.get(), n)) {
                        assertTrue(n > 5, "expected more than 5 step boundaries, got " + (n - 1));
                        return;
                    }
                }
            }));
        }
        return tests.stream();
    }

    private static String nameOf(Supplier<TestServer> s) {
        try (TestServer t = s.get()) {
            return t.name();
        }
    }

    /** @return true if the run was stopped at boundary {@code n}, false if it completed before reaching it */
    private static boolean crashAt(TestServer server, int n) throws Exception {
        MailStore store = Services.memoryStore();
        try (server; OtherClient other = server.other()) {
            AccountConfig account = server.account(TestServer.uniqueAccount("crash"));
            SyncRequest request = SyncRequest.of(account, server.credentials());
            MessageFactory messages = server.messages(n);
            other.create("Archive");
            List<Long> uids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                uids.add(other.append("INBOX", messages.next().bytes()));
            }
            SyncEngine first = Services.engine();
            first.sync(request, new NullProgressMonitor());
            first.deactivate();

            MailboxRef inbox = new MailboxRef(account.id(), MailboxName.INBOX);
            LocalChangesService local = new LocalChangesService(store);
            local.setFlags(inbox, UidSet.of(uids.get(0)), Flags.SEEN, Flags.EMPTY);
            local.setFlags(inbox, UidSet.of(uids.get(0)), Flags.EMPTY, Flags.SEEN);
            local.setFlags(inbox, UidSet.of(uids.get(1)), Flags.of(SystemFlag.FLAGGED), Flags.EMPTY);
            local.delete(inbox, UidSet.of(uids.get(2)));
            local.move(inbox, UidSet.of(uids.get(3)), MailboxName.of("Archive"));
            MessageFactory.Message appended = messages.next();
            local.append(inbox, appended.bytes(), Flags.EMPTY, null);
            local.createMailbox(new MailboxRef(account.id(), MailboxName.of("Projects")));
            other.addFlags("INBOX", List.of(uids.get(4)), "$Work");
            other.append("INBOX", messages.next().bytes());

            SyncEngine crashing = Services.engine();
            AtomicInteger steps = new AtomicInteger();
            String[] crashedAt = { "nowhere" };
            crashing.setHooks(step -> {
                if (steps.incrementAndGet() == n) {
                    crashedAt[0] = step;
                    throw new SimulatedCrash(step);
                }
            });
            boolean crashed = false;
            try {
                crashing.sync(request, new NullProgressMonitor());
            } catch (SimulatedCrash e) {
                crashed = true;
            } finally {
                crashing.deactivate();
            }

            SyncEngine recovered = Services.engine();
            List<String> outcomes = new ArrayList<>();
            try {
                outcomes.add(recovered.sync(request, new NullProgressMonitor()).status().toString());
                outcomes.add(recovered.sync(request, new NullProgressMonitor()).status().toString());
            } finally {
                recovered.deactivate();
            }
            String ctx = server.name() + " crash at boundary " + n + " (" + crashedAt[0] + "), server INBOX "
                    + other.snapshot("INBOX").flags() + ", replica " + store.uids(inbox) + ", journal "
                    + local.pending(account.id()) + ", recovery syncs " + outcomes;
            MailboxSnapshot s = other.snapshot("INBOX");
            assertFalse(s.flagsOf(uids.get(0)).has(SystemFlag.SEEN), ctx + ": read then unread applied in order, once");
            assertTrue(s.flagsOf(uids.get(1)).has(SystemFlag.FLAGGED), ctx + ": flag lost");
            assertFalse(s.flags().containsKey(uids.get(2)), ctx + ": delete lost");
            assertFalse(s.flags().containsKey(uids.get(3)), ctx + ": move lost");
            assertEquals(1, other.snapshot("Archive").exists(), ctx + ": moved exactly once");
            assertEquals(1, count(store, inbox, appended.messageId()), ctx + ": appended exactly once");
            assertTrue(other.list().contains("Projects"), ctx + ": folder creation lost");
            assertTrue(local.pending(account.id()).isEmpty(), ctx + ": journal not empty: "
                    + local.pending(account.id()));
            Replica.assertConverged(store, account.id(), other, List.of("INBOX", "Archive", "Projects"), ctx);
            return crashed;
        }
    }

    private static long count(MailStore store, MailboxRef ref, String messageId) throws CoreException {
        long[] n = { 0 };
        store.scan(ref, UidSet.range(1, UidSet.MAX_UID), r -> {
            if (messageId.equals(r.messageId())) {
                n[0]++;
            }
            return true;
        });
        return n[0];
    }
}
