/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.core.expressions.PropertyTester;

/**
 * Expression properties of Mailboxes view nodes ({@code io.tidemark.ui.subscribed},
 * {@code io.tidemark.ui.openable}), for the enablement of Subscribe/Unsubscribe.
 */
public final class FolderPropertyTester extends PropertyTester {

    /** For the property testers extension point. */
    public FolderPropertyTester() {
    }

    @Override
    public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
        if (!(receiver instanceof FolderNode f)) {
            return false;
        }
        boolean want = expectedValue == null || Boolean.parseBoolean(expectedValue.toString());
        return switch (property) {
            case "subscribed" -> f.record() != null && f.subscribed() == want;
            case "openable" -> f.openable() == want;
            default -> false;
        };
    }
}
