/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.osgi.service.prefs.BackingStoreException;

/** Sets the views' preferences the way the preference page stores them. */
final class Prefs {

    private Prefs() {
    }

    /** Manual syncs only, no IDLE, local changes sent at once, no delete confirmation. */
    static void quiet() {
        set(0, false, true);
    }

    static void set(int interval, boolean idle, boolean push) {
        var n = UiPreferences.node();
        n.putInt(UiPreferences.SYNC_INTERVAL, interval);
        n.putBoolean(UiPreferences.IDLE, idle);
        n.putBoolean(UiPreferences.PUSH_CHANGES, push);
        n.putBoolean(UiPreferences.CONFIRM_DELETE, false);
        n.put(UiPreferences.BODY_MODE, "headers");
        try {
            n.flush();
        } catch (BackingStoreException e) {
            throw new IllegalStateException(e);
        }
    }
}
