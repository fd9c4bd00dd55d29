/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.memory.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.osgi.util.tracker.ServiceTracker;

import io.tidemark.store.api.MailStore;

/**
 * Makes private memory stores through the memory bundle's DS component factory
 * ({@code component.factory=io.tidemark.store.memory}): each is new, empty and registered nowhere.
 */
final class PrivateStores {

    /** The factory name the memory bundle declares. */
    static final String FACTORY = "io.tidemark.store.memory";

    private PrivateStores() {
    }

    /** @return this test bundle's context */
    static BundleContext context() {
        Bundle self = FrameworkUtil.getBundle(PrivateStores.class);
        assertNotNull(self, "the tests must run inside OSGi");
        return self.getBundleContext();
    }

    /** @return a new, empty, open store; dispose the instance to close it */
    @SuppressWarnings("unchecked")
    static ComponentInstance<MailStore> create() throws Exception {
        BundleContext ctx = context();
        ServiceTracker<ComponentFactory<MailStore>, ComponentFactory<MailStore>> tracker = new ServiceTracker<>(ctx,
                ctx.createFilter("(&(objectClass=" + ComponentFactory.class.getName() + ")(component.factory="
                        + FACTORY + "))"),
                null);
        tracker.open();
        try {
            ComponentFactory<MailStore> factory = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            assertNotNull(factory, "no component factory " + FACTORY + " (is Felix SCR running?)");
            return factory.newInstance(null);
        } finally {
            tracker.close();
        }
    }

    static String filter(String kind) throws InvalidSyntaxException {
        return "(&(objectClass=" + MailStore.class.getName() + ")(" + MailStore.KIND + "=" + kind + "))";
    }
}
