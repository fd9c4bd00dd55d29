/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.IPreferencesService;
import org.eclipse.core.runtime.preferences.InstanceScope;

import io.tidemark.model.BodyPolicy;

/**
 * The views' preferences (instance scope, node {@value #NODE}): how often accounts sync, whether IDLE push is
 * used, what content is downloaded, and how local changes are sent. Read from any thread.
 */
public final class UiPreferences extends AbstractPreferenceInitializer {

    /** The preference node. */
    public static final String NODE = "io.tidemark.ui";

    /** Minutes between background syncs of every account; 0 syncs only on request. */
    public static final String SYNC_INTERVAL = "syncIntervalMinutes";

    /** Whether each account's INBOX is watched with IDLE (push). */
    public static final String IDLE = "idle";

    /** {@code headers}, {@code full} or {@code upto}: what content syncs started here download. */
    public static final String BODY_MODE = "bodyMode";

    /** For {@code upto}: the largest message, in KB, whose body is downloaded. */
    public static final String BODY_MAX_KB = "bodyMaxKb";

    /** Whether a local change (mark read, delete, ...) is sent to the server at once. */
    public static final String PUSH_CHANGES = "pushChangesAtOnce";

    /** Whether Delete asks first. */
    public static final String CONFIRM_DELETE = "confirmDelete";

    static final int DEFAULT_INTERVAL = 15;
    static final boolean DEFAULT_IDLE = true;
    static final String DEFAULT_BODY_MODE = "headers";
    static final int DEFAULT_BODY_MAX_KB = 1024;

    /** For the preferences extension point. */
    public UiPreferences() {
    }

    @Override
    public void initializeDefaultPreferences() {
        IEclipsePreferences d = DefaultScope.INSTANCE.getNode(NODE);
        d.putInt(SYNC_INTERVAL, DEFAULT_INTERVAL);
        d.putBoolean(IDLE, DEFAULT_IDLE);
        d.put(BODY_MODE, DEFAULT_BODY_MODE);
        d.putInt(BODY_MAX_KB, DEFAULT_BODY_MAX_KB);
        d.putBoolean(PUSH_CHANGES, true);
        d.putBoolean(CONFIRM_DELETE, true);
    }

    private static IPreferencesService service() {
        return Platform.getPreferencesService();
    }

    /** @return minutes between background syncs, 0 for none */
    static int syncInterval() {
        return Math.max(0, service().getInt(NODE, SYNC_INTERVAL, DEFAULT_INTERVAL, null));
    }

    /** @return whether INBOXes are watched with IDLE */
    static boolean idle() {
        return service().getBoolean(NODE, IDLE, DEFAULT_IDLE, null);
    }

    /** @return whether local changes are sent at once */
    static boolean pushChanges() {
        return service().getBoolean(NODE, PUSH_CHANGES, true, null);
    }

    /** @return whether Delete asks first */
    static boolean confirmDelete() {
        return service().getBoolean(NODE, CONFIRM_DELETE, true, null);
    }

    /** @return the body policy syncs started by the views use */
    static BodyPolicy bodyPolicy() {
        String mode = service().getString(NODE, BODY_MODE, DEFAULT_BODY_MODE, null);
        return switch (mode) {
            case "full" -> BodyPolicy.FULL;
            case "upto" -> BodyPolicy.upTo(
                    1024L * Math.max(1, service().getInt(NODE, BODY_MAX_KB, DEFAULT_BODY_MAX_KB, null)));
            default -> BodyPolicy.HEADERS;
        };
    }

    /** @return the instance-scope node, for writing and listening */
    static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }
}
