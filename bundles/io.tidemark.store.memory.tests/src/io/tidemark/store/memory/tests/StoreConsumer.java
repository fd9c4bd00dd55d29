/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.memory.tests;

import io.tidemark.store.api.MailStore;

/**
 * A consumer of the store as the sync engine, views and CLI are: a mandatory, dynamic, greedy reference
 * named {@code store}, so that a better-ranked store replaces the bound one, and the configuration PID
 * {@value #PID} through which an administrator pins one with {@code store.target}.
 * <p>
 * Declared in {@code OSGI-INF/StoreConsumer.xml} rather than by annotations (see the comment there), as
 * {@code @Component(service = StoreConsumer.class, configurationPid = PID, immediate = true)} with
 * {@code @Reference(name = "store", policy = DYNAMIC, policyOption = GREEDY)} on {@link #store}.
 */
public class StoreConsumer {

    /** The configuration PID. */
    public static final String PID = "io.tidemark.store.memory.tests.consumer";

    /** Set by SCR (field injection, replaced on every rebind). */
    private volatile MailStore store;

    /** @return the store bound now */
    public MailStore store() {
        return store;
    }
}
