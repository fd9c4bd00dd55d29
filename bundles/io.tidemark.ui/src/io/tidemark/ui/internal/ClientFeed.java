/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.swt.widgets.Display;

/**
 * What keeps a view that shows the activity log and the store up to date: follows the {@link MailClient}
 * service, listens to the client's activity log and to EventAdmin topics, and asks the view's
 * {@link RefreshThrottle} for a refresh on each (at once when the client comes or goes). Closed with the view.
 */
final class ClientFeed implements AutoCloseable {

    private final RefreshThrottle<?> refresh;
    private final ClientTracker tracker;
    private final EventSubscription events;
    private volatile MailClient client;
    private Runnable logListener;

    /**
     * @param display the view's display (the client changes on its thread)
     * @param refresh the view's refresh throttle; disposed by {@link #close()}
     * @param topics the EventAdmin topics that call for a refresh
     */
    ClientFeed(Display display, RefreshThrottle<?> refresh, String... topics) {
        this.refresh = refresh;
        tracker = new ClientTracker(display, this::follow);
        events = new EventSubscription(e -> refresh.request(), topics);
    }

    private void follow(MailClient c) {
        MailClient old = client;
        if (old != null && logListener != null) {
            old.log().removeListener(logListener);
        }
        client = c;
        if (c != null) {
            logListener = refresh::request;
            c.log().addListener(logListener);
        }
        refresh.requestNow();
    }

    /** @return the client, or null while the engine or store is missing */
    MailClient client() {
        return client;
    }

    /** Stops listening and disposes of the refresh throttle. */
    @Override
    public void close() {
        events.close();
        refresh.dispose();
        MailClient c = client;
        if (c != null && logListener != null) {
            c.log().removeListener(logListener);
        }
        tracker.close();
    }
}
