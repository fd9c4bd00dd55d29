/*
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * Contract tests for implementations of the transport SPI ({@code io.tidemark.imap.api}). A transport's test
 * bundle extends {@link io.tidemark.imap.api.tck.ImapTransportContractTest} once per server it runs against,
 * supplying the transport and a {@link io.tidemark.imap.api.tck.ContractServer}. Every test asserts the
 * behaviour the server's capabilities call for: where a server lacks an extension, the transport must refuse
 * the operation with {@code CAPABILITY_MISSING} (or take its documented fallback) rather than send it.
 *
 * @since 0.1
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.tidemark.imap.api.tck;
