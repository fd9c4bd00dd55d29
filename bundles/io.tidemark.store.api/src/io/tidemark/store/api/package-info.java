/*
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * The store SPI: {@link io.tidemark.store.api.MailStore} keeps replicas and the journal of local changes;
 * writes go through {@link io.tidemark.store.api.MailStore#write atomic transactions} whose
 * {@link io.tidemark.store.api.StoreDelta deltas} are posted after commit.
 *
 * @since 0.1
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package io.tidemark.store.api;
