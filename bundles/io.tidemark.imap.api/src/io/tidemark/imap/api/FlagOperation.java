/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

/**
 * How a STORE changes flags. A sync engine uses ADD and REMOVE only (RFC 4549 §4.2.3): REPLACE would
 * clobber other clients' changes.
 *
 * @since 0.1
 */
public enum FlagOperation {
    /** {@code +FLAGS}. */
    ADD,
    /** {@code -FLAGS}. */
    REMOVE,
    /** {@code FLAGS}. */
    REPLACE
}
