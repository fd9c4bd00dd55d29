/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the {@link ServerEvent}s of a session.
 * <p>
 * Called on the thread that is running a command on the session (or in {@link ImapSession#idle}), in the
 * order the server sent them. Must not call back into the session and must return quickly.
 *
 * @since 0.1
 */
@ConsumerType
@FunctionalInterface
public interface ServerEventListener {

    /** A listener that ignores everything. */
    ServerEventListener NONE = e -> {
    };

    /** @param event the event */
    void event(ServerEvent event);
}
