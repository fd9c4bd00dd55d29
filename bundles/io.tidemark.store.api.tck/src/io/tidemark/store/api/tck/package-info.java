/* SPDX-License-Identifier: EPL-2.0 */
/**
 * The store contract tests (TCK): abstract JUnit 5 classes that every
 * {@link io.tidemark.store.api.MailStore} implementation, ours and third parties', extends with a factory
 * for its stores. {@link io.tidemark.store.api.tck.StoreContractSupport} explains the factory contract;
 * every {@code *ContractTest} class is required except
 * {@link io.tidemark.store.api.tck.DurabilityContractTest}, which applies to stores that keep data after a
 * close.
 * <p>
 * The tests run on the JUnit Platform inside or outside OSGi; they create their own threads only in
 * {@link io.tidemark.store.api.tck.ConcurrencyContractTest}.
 *
 * @since 0.1
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.tidemark.store.api.tck;
