/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.memory.tests;

import org.osgi.service.component.ComponentInstance;

import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.tck.RandomizedContractTest;

/** Runs {@link RandomizedContractTest} against a private memory store per test. */
class MemoryRandomizedContractTest extends RandomizedContractTest {

    private ComponentInstance<MailStore> instance;

    @Override
    protected MailStore createStore() throws Exception {
        instance = PrivateStores.create();
        return instance.getInstance();
    }

    @Override
    protected void closeStore(MailStore closing) {
        instance.dispose();
    }
}
