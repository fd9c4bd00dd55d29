/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told about each committed transaction. Register with {@link MailStore#addListener}, or as an OSGi
 * service (whiteboard) which store components pick up.
 * <p>
 * Called on the committing thread, after the commit and outside the store's locks, in commit order; must
 * return quickly (post to EventAdmin, schedule a UI refresh) and must not write to the store from inside.
 * An exception thrown here is logged and ignored.
 *
 * @since 0.1
 */
@ConsumerType
@FunctionalInterface
public interface StoreListener {

    /** @param delta what the transaction changed, never empty */
    void committed(StoreDelta delta);
}
