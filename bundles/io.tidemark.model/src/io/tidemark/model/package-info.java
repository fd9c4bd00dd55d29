/*
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * Immutable value types shared by every Tidemark bundle: accounts, mailbox names, UID sets, flags and
 * envelopes. Nothing here does I/O; every type is thread-safe.
 *
 * @since 0.1
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.tidemark.model;
