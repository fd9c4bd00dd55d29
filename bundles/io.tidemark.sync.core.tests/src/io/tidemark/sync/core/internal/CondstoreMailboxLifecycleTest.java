/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import io.tidemark.testing.CapabilityProfile;

/** {@link MailboxLifecycleContract} on Dovecot, profile CONDSTORE_ONLY. */
class CondstoreMailboxLifecycleTest extends MailboxLifecycleContract {

    @Override
    TestServer startServer() {
        return TestServer.dovecot(CapabilityProfile.CONDSTORE_ONLY);
    }
}
