/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

/**
 * The data items a {@link FetchSpec} can ask for. {@code UID} is always fetched.
 *
 * @since 0.1
 */
public enum FetchItem {
    /** FLAGS, including keywords. */
    FLAGS,
    /** MODSEQ (CONDSTORE). */
    MODSEQ,
    /** RFC822.SIZE. */
    SIZE,
    /** INTERNALDATE. */
    INTERNALDATE,
    /** ENVELOPE. */
    ENVELOPE,
    /** BODYSTRUCTURE, kept as its raw IMAP text. */
    BODYSTRUCTURE,
    /** EMAILID and THREADID (OBJECTID). */
    EMAILID,
    /** BODY.PEEK[HEADER.FIELDS (...)] for the fields of {@link FetchSpec#headerFields()}. */
    HEADER_FIELDS,
    /** BODY.PEEK[HEADER]: the whole header block. */
    HEADER,
    /** BODY.PEEK[]: the whole message. */
    BODY
}
