/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.tck.SyncStateContractTest;

/** The store TCK's {@link SyncStateContractTest} on an H2 file. */
class H2SyncStateContractTest extends SyncStateContractTest {

    @Override
    protected MailStore createStore() throws Exception {
        return TestStores.h2();
    }

    @Override
    protected void closeStore(MailStore closing) throws Exception {
        TestStores.dispose(closing);
    }
}
