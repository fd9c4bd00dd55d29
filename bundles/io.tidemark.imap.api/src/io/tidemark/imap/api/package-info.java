/*
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * The transport SPI: how the sync engine talks IMAP. {@link io.tidemark.imap.api.ImapTransport} opens
 * {@link io.tidemark.imap.api.ImapSession}s; results stream to {@link io.tidemark.imap.api.MessageSink}s;
 * failures are {@link org.eclipse.core.runtime.CoreException}s carrying an
 * {@link io.tidemark.imap.api.ImapStatus}.
 *
 * @since 0.1
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.tidemark.imap.api;
