/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.Hashtable;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.event.EventAdmin;
import org.osgi.util.tracker.ServiceTracker;

import io.tidemark.store.api.MailStore;
import io.tidemark.sync.api.SecretStore;

/**
 * The real services of the test runtime, as Declarative Services registered them: the engine, the memory
 * store, the Angus transport, the views' {@link MailClient}.
 */
final class Services {

    private static TestSecrets secrets;

    private Services() {
    }

    static BundleContext context() {
        BundleContext ctx = FrameworkUtil.getBundle(Services.class).getBundleContext();
        startEngine(ctx);
        return ctx;
    }

    /**
     * Starts the engine bundle as a product's configuration does: unlike the store, the transport and the
     * views it has no lazy activation policy, so the test framework leaves it resolved but not started and DS
     * would not see its components.
     */
    private static void startEngine(BundleContext ctx) {
        for (Bundle b : ctx.getBundles()) {
            if (b.getSymbolicName().equals("io.tidemark.sync.core") && b.getState() != Bundle.ACTIVE) {
                try {
                    b.start();
                } catch (BundleException e) {
                    throw new IllegalStateException("Cannot start the engine bundle: " + e, e);
                }
            }
        }
    }

    static <T> T get(Class<T> type, String filter) {
        BundleContext ctx = context();
        try {
            String f = "(&(objectClass=" + type.getName() + ")" + (filter == null ? "" : filter) + ")";
            ServiceTracker<T, T> t = new ServiceTracker<>(ctx, ctx.createFilter(f), null);
            t.open();
            T s = t.waitForService(30_000);
            if (s == null) {
                throw new IllegalStateException("No " + type.getSimpleName() + " service " + f + " within 30 s");
            }
            return s;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot get " + type.getSimpleName() + ": " + e, e);
        }
    }

    static MailClient client() {
        return get(MailClient.class, null);
    }

    static MailStore store() {
        return client().store();
    }

    static EventAdmin eventAdmin() {
        return get(EventAdmin.class, null);
    }

    /** @return the secret store the views use in these tests (registered once) */
    static synchronized TestSecrets secrets() {
        if (secrets == null) {
            secrets = new TestSecrets();
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("service.ranking", 1000);
            context().registerService(SecretStore.class, secrets, props);
        }
        return secrets;
    }
}
