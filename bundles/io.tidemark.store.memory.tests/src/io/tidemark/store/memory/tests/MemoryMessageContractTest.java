/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.memory.tests;

import org.osgi.service.component.ComponentInstance;

import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.tck.MessageContractTest;

/** Runs {@link MessageContractTest} against a private memory store per test. */
class MemoryMessageContractTest extends MessageContractTest {

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
