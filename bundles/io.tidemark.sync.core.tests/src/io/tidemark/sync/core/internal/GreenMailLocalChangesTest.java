/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

/** {@link LocalChangesContract} on GreenMail (no CONDSTORE, no ESEARCH). */
class GreenMailLocalChangesTest extends LocalChangesContract {

    @Override
    TestServer startServer() {
        return TestServer.greenMail();
    }
}
