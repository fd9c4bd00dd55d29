/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

import org.eclipse.core.runtime.CoreException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives messages one at a time from {@link MailStore#scan}.
 *
 * @since 0.1
 */
@ConsumerType
@FunctionalInterface
public interface MessageVisitor {

    /**
     * @param message the next message, in ascending UID order
     * @return true to continue, false to stop the scan
     * @throws CoreException to stop the scan; rethrown by {@link MailStore#scan}
     */
    boolean visit(MessageRecord message) throws CoreException;
}
