/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.tidemark.imap.api.ImapTransport;
import io.tidemark.store.api.MailStore;

/** Looks up the real transport and store that DS registered in the test runtime. */
final class Services {

    private Services() {
    }

    static <T> T get(Class<T> type, String filter) {
        Bundle b = FrameworkUtil.getBundle(Services.class);
        try {
            if (b.getState() != Bundle.ACTIVE) {
                b.start();
            }
            BundleContext ctx = b.getBundleContext();
            String f = "(&(objectClass=" + type.getName() + ")" + (filter == null ? "" : filter) + ")";
            ServiceTracker<T, T> t = new ServiceTracker<>(ctx, ctx.createFilter(f), null);
            t.open();
            T s = t.waitForService(20_000);
            if (s == null) {
                throw new IllegalStateException("No " + type.getSimpleName() + " service " + f
                        + " within 20 s; bundles: " + java.util.Arrays.toString(ctx.getBundles()));
            }
            return s;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot get " + type.getSimpleName() + ": " + e, e);
        }
    }

    static ImapTransport transport() {
        return get(ImapTransport.class, "(transport.kind=angus)");
    }

    static MailStore memoryStore() {
        return get(MailStore.class, "(store.kind=memory)");
    }

    /** @return an engine on the real transport and the memory store, with small windows */
    static SyncEngine engine() {
        return SyncEngine.create(transport(), memoryStore(), small());
    }

    static EngineSettings small() {
        EngineSettings d = EngineSettings.DEFAULTS;
        return new EngineSettings(7, 11, d.bodyWindowBytes(), 5, 4, d.fullFlagScanInterval(), d.idleReissue(),
                java.time.Duration.ofSeconds(2), d.conflictRetries());
    }
}
