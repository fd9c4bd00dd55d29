/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.integration.tests;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.tidemark.imap.api.ImapTransport;

/** The Angus transport as a user gets it: the DS service {@code (transport.kind=angus)} from the registry. */
final class Transports {

    private Transports() {
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(Transports.class).getBundleContext();
    }

    /** @return the tracked service reference, waiting up to 20 s for Declarative Services */
    static ServiceReference<ImapTransport> reference() {
        BundleContext ctx = context();
        try {
            Filter f = ctx.createFilter("(&(objectClass=" + ImapTransport.class.getName() + ")("
                    + ImapTransport.KIND + "=angus))");
            ServiceTracker<ImapTransport, ImapTransport> t = new ServiceTracker<>(ctx, f, null);
            t.open();
            if (t.waitForService(20_000) == null) {
                throw new IllegalStateException("no ImapTransport (transport.kind=angus) registered");
            }
            return t.getServiceReference();
        } catch (InvalidSyntaxException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static ImapTransport angus() {
        return context().getService(reference());
    }
}
