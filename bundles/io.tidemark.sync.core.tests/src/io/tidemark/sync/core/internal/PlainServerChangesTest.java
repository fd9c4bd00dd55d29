/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

/** {@link ServerChangesContract} on dovecot: Plain. */
class PlainServerChangesTest extends ServerChangesContract {

    @Override
    TestServer startServer() {
        return TestServer.dovecot(io.tidemark.testing.CapabilityProfile.PLAIN);
    }
}
