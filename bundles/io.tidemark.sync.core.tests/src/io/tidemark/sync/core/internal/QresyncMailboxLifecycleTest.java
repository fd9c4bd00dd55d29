/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import io.tidemark.testing.CapabilityProfile;

/** {@link MailboxLifecycleContract} on Dovecot, profile FULL. */
class QresyncMailboxLifecycleTest extends MailboxLifecycleContract {

    @Override
    TestServer startServer() {
        return TestServer.dovecot(CapabilityProfile.FULL);
    }
}
