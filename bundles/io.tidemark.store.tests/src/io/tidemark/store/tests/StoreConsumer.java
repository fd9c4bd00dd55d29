/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.tests;

import io.tidemark.store.api.MailStore;

/**
 * A store consumer as the sync engine, the views and the CLI are: a mandatory, dynamic, greedy reference named
 * {@code store} (so that an administrator pins an implementation with {@code store.target}) under the
 * configuration PID {@value #PID}. Declared in {@code OSGI-INF/StoreConsumer.xml} (see the comment there).
 */
public class StoreConsumer {

    /** The configuration PID. */
    public static final String PID = "io.tidemark.store.tests.consumer";

    /** Set by SCR (field injection, replaced on every rebind). */
    private volatile MailStore store;

    /** @return the store bound now */
    public MailStore store() {
        return store;
    }
}
