/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import org.eclipse.core.runtime.CoreException;
import org.osgi.annotation.versioning.ConsumerType;

import io.tidemark.model.UidSet;

/**
 * Receives the results of a FETCH, a QRESYNC SELECT or a STORE as they are parsed, one message at a time,
 * so that nothing holds a whole mailbox's responses.
 * <p>
 * Called on the thread that runs the command, in the order the server sent the responses. An exception
 * thrown here stops reading results; the transport finishes or aborts the command and rethrows it.
 *
 * @since 0.1
 */
@ConsumerType
@FunctionalInterface
public interface MessageSink {

    /** A sink that drops everything. */
    MessageSink NONE = m -> {
    };

    /**
     * @param message one FETCH response for a UID of the command's set
     * @throws CoreException to stop the command
     */
    void message(FetchedMessage message) throws CoreException;

    /**
     * Expunged UIDs reported by {@code VANISHED} during the command (RFC 7162 §3.2.10).
     *
     * @param uids the UIDs
     * @param earlier whether the response was {@code VANISHED (EARLIER)} (history, from a QRESYNC SELECT or
     *            a FETCH with VANISHED) rather than a live expunge
     * @throws CoreException to stop the command
     */
    default void vanished(UidSet uids, boolean earlier) throws CoreException {
        // ignored unless overridden
    }
}
