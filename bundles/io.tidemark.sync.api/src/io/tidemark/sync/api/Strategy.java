/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.api;

/**
 * How a mailbox's server-side changes were found: the cheapest the server allows.
 *
 * @since 0.1
 */
public enum Strategy {
    /** RFC 7162 QRESYNC: one SELECT reports flag changes and VANISHED UIDs. */
    QRESYNC,
    /** RFC 7162 CONDSTORE: HIGHESTMODSEQ short-cut, CHANGEDSINCE for flags, expunges by SEARCH or bisection. */
    CONDSTORE,
    /** Plain IMAP4rev1: UIDNEXT/EXISTS short-cuts and windowed UID FETCH scans. */
    PLAIN,
    /** The server's counters (STATUS or LIST-STATUS) showed no change; the mailbox was not selected. */
    UNCHANGED
}
