/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import io.tidemark.model.UidSet;

/**
 * An untagged response about the selected mailbox that the server sent on its own: during IDLE, or
 * during a command that did not ask for it (another client's change). Transports deliver every one to
 * the session's {@link ServerEventListener} and never drop them.
 *
 * @since 0.1
 */
public sealed interface ServerEvent {

    /**
     * {@code * n EXISTS}: the mailbox now holds {@code count} messages.
     *
     * @param count the new message count
     */
    record Exists(long count) implements ServerEvent {
    }

    /**
     * {@code * n EXPUNGE}: the message with sequence number {@code seq} was expunged; later sequence
     * numbers shift down by one.
     *
     * @param seq the sequence number at the time of the response
     */
    record Expunge(long seq) implements ServerEvent {
    }

    /**
     * {@code * VANISHED uids} (QRESYNC): these UIDs were expunged.
     *
     * @param uids the UIDs
     * @param earlier whether the response carried {@code (EARLIER)}
     */
    record Vanished(UidSet uids, boolean earlier) implements ServerEvent {
    }

    /**
     * An unsolicited FETCH, usually another client's flag change.
     *
     * @param message the decoded response; {@code uid} is -1 if the server sent none
     */
    record FlagsChanged(FetchedMessage message) implements ServerEvent {
    }

    /**
     * {@code * BYE}: the server is closing the connection.
     *
     * @param text the server's text
     */
    record Bye(String text) implements ServerEvent {
    }

    /**
     * {@code * OK [ALERT]} or {@code * NO [ALERT]}: a message the server wants the user to see.
     *
     * @param text the server's text
     */
    record Alert(String text) implements ServerEvent {
    }
}
