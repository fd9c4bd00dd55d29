/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.tck.MessageContractTest;

/** The store TCK's {@link MessageContractTest} on a private PostgreSQL server (schema per test). */
class PostgresMessageContractTest extends MessageContractTest {

    @Override
    protected MailStore createStore() throws Exception {
        return TestStores.postgres();
    }

    @Override
    protected void closeStore(MailStore closing) throws Exception {
        TestStores.dispose(closing);
    }
}
