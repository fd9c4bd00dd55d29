/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import io.tidemark.testing.CapabilityProfile;

/**
 * {@link LocalChangesContract} on a plain IMAP4rev1 server without UIDPLUS and MOVE: a delete only sets
 * {@code \Deleted} (never a bare EXPUNGE, I4), a move is COPY + {@code \Deleted}, relinked by identity.
 */
class PlainWithoutUidplusLocalChangesTest extends LocalChangesContract {

    @Override
    TestServer startServer() {
        return TestServer.dovecot(CapabilityProfile.PLAIN, false, "UIDPLUS", "MOVE");
    }
}
