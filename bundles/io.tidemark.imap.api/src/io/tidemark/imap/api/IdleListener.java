/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the events that arrive while a session is in IDLE.
 * <p>
 * Called on the thread blocked in {@link ImapSession#idle}; must return quickly and must not call the session.
 *
 * @since 0.1
 */
@ConsumerType
@FunctionalInterface
public interface IdleListener {

    /**
     * @param event what the server pushed
     * @return true to keep idling, false to end IDLE and return from {@link ImapSession#idle}
     */
    boolean event(ServerEvent event);
}
