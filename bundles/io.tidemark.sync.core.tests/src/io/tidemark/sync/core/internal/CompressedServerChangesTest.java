/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.Test;

import io.tidemark.sync.api.SyncReport;
import io.tidemark.testing.CapabilityProfile;

/**
 * {@link ServerChangesContract} on a Dovecot that offers COMPRESS=DEFLATE: every change kind is still detected
 * when the engine's sessions are compressed.
 */
class CompressedServerChangesTest extends ServerChangesContract {

    @Override
    TestServer startServer() {
        return TestServer.dovecot(CapabilityProfile.FULL, true);
    }

    @Test
    void theEngineCompressesItsSessionsWhenTheServerOffersIt() throws CoreException {
        append("INBOX", 5);
        Trace trace = new Trace();
        engine.setTrace(trace);
        SyncReport inbox = report(sync(), "INBOX");
        assertEquals(5, inbox.added());
        assertEquals(1, trace.commands("COMPRESS"), trace.clientCommands().toString());
        assertConverged("INBOX");
    }

    @Test
    void compressionCanBeTurnedOff() throws CoreException {
        append("INBOX", 3);
        engine.setCompress(false); // the DS configuration's compress=false
        Trace trace = new Trace();
        engine.setTrace(trace);
        assertEquals(3, report(sync(), "INBOX").added());
        assertEquals(0, trace.commands("COMPRESS"), trace.clientCommands().toString());
        assertConverged("INBOX");
    }
}
