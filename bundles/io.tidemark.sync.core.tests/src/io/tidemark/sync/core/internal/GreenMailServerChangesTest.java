/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

/** {@link ServerChangesContract} on greenMail: GreenMail. */
class GreenMailServerChangesTest extends ServerChangesContract {

    @Override
    TestServer startServer() {
        return TestServer.greenMail();
    }
}
