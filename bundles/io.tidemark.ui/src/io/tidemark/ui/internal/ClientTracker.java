/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.function.Consumer;

import org.eclipse.swt.widgets.Display;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Follows the {@link MailClient} service for one view, handler or dialog: the part gets it (or null when it
 * goes away) on the UI thread. No static state: each part opens and closes its own tracker.
 */
final class ClientTracker {

    private final ServiceTracker<MailClient, MailClient> tracker;

    /**
     * @param display where {@code onChange} runs, or null to call it on the registry's thread
     * @param onChange told about the current client after each change, or null
     */
    ClientTracker(Display display, Consumer<MailClient> onChange) {
        BundleContext ctx = FrameworkUtil.getBundle(ClientTracker.class).getBundleContext();
        tracker = new ServiceTracker<>(ctx, MailClient.class, null) {
            @Override
            public MailClient addingService(ServiceReference<MailClient> reference) {
                MailClient c = super.addingService(reference);
                notifyLater(c);
                return c;
            }

            @Override
            public void removedService(ServiceReference<MailClient> reference, MailClient service) {
                super.removedService(reference, service);
                notifyLater(getService());
            }

            private void notifyLater(MailClient now) {
                if (onChange == null) {
                    return;
                }
                if (display == null) {
                    onChange.accept(now);
                } else if (!display.isDisposed()) {
                    // by the time this runs the tracker holds its final state
                    display.asyncExec(() -> onChange.accept(getService()));
                }
            }
        };
        tracker.open();
    }

    /** @return the client, or null if the engine, store or local changes service is not available */
    MailClient get() {
        return tracker.getService();
    }

    /** Stops tracking. */
    void close() {
        tracker.close();
    }

    /** @return the bundle context events and services are registered with */
    static BundleContext context() {
        return FrameworkUtil.getBundle(ClientTracker.class).getBundleContext();
    }
}
