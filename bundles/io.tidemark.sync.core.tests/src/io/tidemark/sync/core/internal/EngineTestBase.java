/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.store.api.MailStore;
import io.tidemark.sync.api.SyncReport;
import io.tidemark.sync.api.SyncRequest;
import io.tidemark.sync.api.SyncResult;
import io.tidemark.testing.MessageFactory;
import io.tidemark.testing.OtherClient;

/**
 * What the engine tests share: a fresh real server, the memory store, an engine with small windows, a unique
 * account and a second client acting as another device.
 */
abstract class EngineTestBase {

    protected TestServer server;
    protected SyncEngine engine;
    protected MailStore store;
    protected AccountConfig account;
    protected OtherClient other;
    protected MessageFactory messages;

    abstract TestServer startServer();

    @BeforeEach
    void setUp() {
        server = startServer();
        messages = server.messages(42);
        store = Services.memoryStore();
        engine = Services.engine();
        if (Boolean.getBoolean("tidemark.trace")) {
            engine.setTrace(line -> System.out.println("TRACE " + line));
        }
        account = server.account(TestServer.uniqueAccount(server.name()));
        other = server.other();
    }

    @AfterEach
    void tearDown() {
        other.close();
        engine.deactivate();
        server.close();
    }

    SyncResult sync() throws CoreException {
        return engine.sync(SyncRequest.of(account, server.credentials()), new NullProgressMonitor());
    }

    SyncReport report(SyncResult r, String mailbox) {
        return r.reports().stream().filter(x -> x.mailbox().name().equals(MailboxName.of(mailbox))).findFirst()
                .orElseThrow(() -> new AssertionError("no report for " + mailbox + " in " + r.reports()));
    }

    MailboxRef ref(String name) {
        return new MailboxRef(account.id(), MailboxName.of(name));
    }

    List<Long> append(String mailbox, int n) {
        List<Long> uids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            uids.add(other.append(mailbox, messages.next().bytes()));
        }
        return uids;
    }

    void assertConverged(String... mailboxes) throws CoreException {
        Replica.assertConverged(store, account.id(), other, List.of(mailboxes), server.name());
    }

}
