/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.Test;

/** {@link ServerChangesContract} on dovecot: Plain. */
class PlainServerChangesTest extends ServerChangesContract {

    @Override
    TestServer startServer() {
        return TestServer.dovecot(io.tidemark.testing.CapabilityProfile.PLAIN);
    }

    @Test
    @Override
    void aMessageBelowTheCursorThatTheReplicaLacksIsFetched() throws CoreException {
        super.aMessageBelowTheCursorThatTheReplicaLacksIsFetched();
    }
}
