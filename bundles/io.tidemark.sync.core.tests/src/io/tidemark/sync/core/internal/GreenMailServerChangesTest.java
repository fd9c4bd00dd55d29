/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.Test;

/** {@link ServerChangesContract} on greenMail: GreenMail. */
class GreenMailServerChangesTest extends ServerChangesContract {

    @Override
    TestServer startServer() {
        return TestServer.greenMail();
    }

    @Test
    @Override
    void aMessageBelowTheCursorThatTheReplicaLacksIsFetched() throws CoreException {
        super.aMessageBelowTheCursorThatTheReplicaLacksIsFetched();
    }
}
