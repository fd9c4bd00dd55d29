/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Consumer;

import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * An EventAdmin subscription of one view (the whiteboard pattern): registered when the view is created,
 * unregistered when it is disposed. The handler runs on EventAdmin's thread and must only ask for a refresh.
 */
final class EventSubscription implements AutoCloseable {

    private final ServiceRegistration<EventHandler> registration;

    /**
     * @param handler told about each event
     * @param topics the topics, e.g. {@link io.tidemark.sync.api.SyncTopics#STORE_CHANGED}
     */
    EventSubscription(Consumer<Event> handler, String... topics) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, topics);
        EventHandler h = handler::accept;
        registration = ClientTracker.context().registerService(EventHandler.class, h, props);
    }

    @Override
    public void close() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already unregistered: the bundle is stopping
        }
    }
}
