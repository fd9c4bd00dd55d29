/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

import org.eclipse.core.runtime.CoreException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The work of one transaction; see {@link MailStore#write}.
 *
 * @param <T> the result type
 * @since 0.1
 */
@ConsumerType
@FunctionalInterface
public interface TransactionBody<T> {

    /**
     * @param tx the open transaction; valid only during this call
     * @return the result handed back by {@link MailStore#write}
     * @throws CoreException to roll back; rethrown by {@link MailStore#write}
     */
    T run(StoreTransaction tx) throws CoreException;
}
