/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

/**
 * An APPENDUID response code (RFC 4315 §3): where an appended message landed.
 *
 * @param uidValidity the mailbox's UIDVALIDITY
 * @param uid the new message's UID
 * @since 0.1
 */
public record AppendUid(long uidValidity, long uid) {
}
