/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

/**
 * Why {@link ImapSession#idle} returned.
 *
 * @since 0.1
 */
public enum IdleEnd {
    /** The listener returned false for an event. */
    LISTENER,
    /** {@link ImapSession#wakeUp()} was called. */
    WOKEN,
    /** The progress monitor was canceled. */
    CANCELED,
    /** The maximum duration passed. */
    TIMEOUT
}
