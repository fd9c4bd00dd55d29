/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import io.tidemark.testing.CapabilityProfile;

/** {@link LocalChangesContract} on Dovecot, profile CONDSTORE_ONLY. */
class CondstoreLocalChangesTest extends LocalChangesContract {

    @Override
    TestServer startServer() {
        return TestServer.dovecot(CapabilityProfile.CONDSTORE_ONLY);
    }
}
