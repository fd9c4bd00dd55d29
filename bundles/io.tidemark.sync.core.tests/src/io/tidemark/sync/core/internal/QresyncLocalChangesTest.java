/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import io.tidemark.testing.CapabilityProfile;

/** {@link LocalChangesContract} on Dovecot, profile FULL. */
class QresyncLocalChangesTest extends LocalChangesContract {

    @Override
    TestServer startServer() {
        return TestServer.dovecot(CapabilityProfile.FULL);
    }
}
