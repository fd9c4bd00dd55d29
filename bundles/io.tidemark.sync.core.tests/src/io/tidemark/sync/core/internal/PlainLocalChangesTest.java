/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import io.tidemark.testing.CapabilityProfile;

/** {@link LocalChangesContract} on Dovecot, profile PLAIN. */
class PlainLocalChangesTest extends LocalChangesContract {

    @Override
    TestServer startServer() {
        return TestServer.dovecot(CapabilityProfile.PLAIN);
    }
}
