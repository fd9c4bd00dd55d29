/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;

import io.tidemark.model.MailboxName;
import io.tidemark.sync.api.Strategy;
import io.tidemark.sync.api.SyncRequest;
import io.tidemark.sync.api.SyncResult;

/** {@link ServerChangesContract} on dovecot: Qresync. */
class QresyncServerChangesTest extends ServerChangesContract {

    @Test
    void noChangeResyncSendsExactlyOneSelectAndNoFetch() throws CoreException {
        append("INBOX", 30);
        SyncRequest inbox = SyncRequest.of(account, server.credentials()).onlyMailboxes(List.of(MailboxName.INBOX));
        engine.sync(inbox, new NullProgressMonitor());
        Trace trace = new Trace();
        engine.setTrace(trace);
        SyncResult r = engine.sync(inbox, new NullProgressMonitor());
        assertEquals(Strategy.QRESYNC, report(r, "INBOX").strategy());
        assertEquals(1, trace.commands("SELECT"), trace.clientCommands().toString());
        assertEquals(0, trace.commands("FETCH"), trace.clientCommands().toString());
        assertEquals(0, trace.commands("SEARCH"), trace.clientCommands().toString());
    }

    @Test
    void unchangedFoldersAreSkippedByListStatusWithoutSelect() throws CoreException {
        other.create("Archive");
        append("INBOX", 3);
        append("Archive", 3);
        sync();
        Trace trace = new Trace();
        engine.setTrace(trace);
        SyncResult r = sync();
        assertEquals(Strategy.UNCHANGED, report(r, "INBOX").strategy());
        assertEquals(Strategy.UNCHANGED, report(r, "Archive").strategy());
        assertEquals(0, trace.commands("SELECT"), trace.clientCommands().toString());
    }

    @Override
    TestServer startServer() {
        return TestServer.dovecot(io.tidemark.testing.CapabilityProfile.FULL);
    }
}
