/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import io.tidemark.testing.CapabilityProfile;

/** {@link LocalChangesContract} on a Dovecot that offers COMPRESS=DEFLATE (the engine's sessions compressed). */
class CompressedLocalChangesTest extends LocalChangesContract {

    @Override
    TestServer startServer() {
        return TestServer.dovecot(CapabilityProfile.FULL, true);
    }
}
