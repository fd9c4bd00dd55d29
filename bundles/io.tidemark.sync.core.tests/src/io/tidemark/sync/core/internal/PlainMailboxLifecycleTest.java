/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import io.tidemark.testing.CapabilityProfile;

/** {@link MailboxLifecycleContract} on Dovecot, profile PLAIN. */
class PlainMailboxLifecycleTest extends MailboxLifecycleContract {

    @Override
    TestServer startServer() {
        return TestServer.dovecot(CapabilityProfile.PLAIN);
    }
}
