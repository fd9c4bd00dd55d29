/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.tck.RandomizedContractTest;

/** The store TCK's {@link RandomizedContractTest} on a private PostgreSQL server (schema per test). */
class PostgresRandomizedContractTest extends RandomizedContractTest {

    @Override
    protected MailStore createStore() throws Exception {
        return TestStores.postgres();
    }

    @Override
    protected void closeStore(MailStore closing) throws Exception {
        TestStores.dispose(closing);
    }
}
