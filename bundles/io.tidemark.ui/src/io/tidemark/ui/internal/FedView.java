/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.jface.viewers.StructuredViewer;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.part.ViewPart;

/**
 * A view fed by the {@link MailClient}: refreshed through its {@link RefreshThrottle} by a {@link ClientFeed},
 * which goes with the view.
 */
abstract class FedView extends ViewPart {

    private volatile ClientFeed feed;

    /**
     * Starts following the client, its activity log and {@code topics}; call once the view's controls exist.
     *
     * @param refresh the view's refresh throttle, disposed with the view
     */
    final void follow(Display display, RefreshThrottle<?> refresh, String... topics) {
        feed = new ClientFeed(display, refresh, topics);
    }

    /** @return the client, or null while the engine or store is missing */
    final MailClient client() {
        ClientFeed f = feed;
        return f == null ? null : f.client();
    }

    /** @return the viewer that takes the focus */
    abstract StructuredViewer viewer();

    @Override
    public void setFocus() {
        viewer().getControl().setFocus();
    }

    @Override
    public void dispose() {
        ClientFeed f = feed;
        if (f != null) {
            f.close();
        }
        super.dispose();
    }
}
