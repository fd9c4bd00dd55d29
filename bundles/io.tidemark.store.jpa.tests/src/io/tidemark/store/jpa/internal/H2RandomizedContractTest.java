/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.tck.RandomizedContractTest;

/** The store TCK's {@link RandomizedContractTest} on an H2 file. */
class H2RandomizedContractTest extends RandomizedContractTest {

    @Override
    protected MailStore createStore() throws Exception {
        return TestStores.h2();
    }

    @Override
    protected void closeStore(MailStore closing) throws Exception {
        TestStores.dispose(closing);
    }
}
