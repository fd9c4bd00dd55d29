/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.tck.DurabilityContractTest;

/** The store TCK's {@link DurabilityContractTest} on a private PostgreSQL server (schema per test). */
class PostgresDurabilityContractTest extends DurabilityContractTest {

    @Override
    protected MailStore createStore() throws Exception {
        return TestStores.postgres();
    }

    @Override
    protected void closeStore(MailStore closing) throws Exception {
        TestStores.dispose(closing);
    }

    @Override
    protected MailStore reopenStore(MailStore open) throws Exception {
        return TestStores.reopen(open);
    }
}
