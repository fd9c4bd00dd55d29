/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.RadioGroupFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/**
 * Preferences &gt; Tidemark: the sync interval, IDLE push on or off, and what content is downloaded. The
 * {@link SyncScheduler} follows changes at once.
 */
public final class TidemarkPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    /** The page id. */
    public static final String ID = "io.tidemark.ui.preferences";

    /** For the preference pages extension point. */
    public TidemarkPreferencePage() {
        super(GRID);
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, UiPreferences.NODE));
        setDescription("How the Tidemark views keep your accounts in sync.");
    }

    @Override
    public void init(IWorkbench workbench) {
        // the store is set in the constructor
    }

    @Override
    protected void createFieldEditors() {
        IntegerFieldEditor interval = new IntegerFieldEditor(UiPreferences.SYNC_INTERVAL,
                "&Sync every account every (minutes, 0 = only on request):", getFieldEditorParent());
        interval.setValidRange(0, 24 * 60);
        addField(interval);
        addField(new BooleanFieldEditor(UiPreferences.IDLE,
                "&Watch each INBOX for new mail (IMAP IDLE push)", getFieldEditorParent()));
        addField(new RadioGroupFieldEditor(UiPreferences.BODY_MODE, "Download", 1,
                new String[][] { { "&Headers and structure only", "headers" }, { "&Full messages", "full" },
                        { "Full messages up to the size &below", "upto" } },
                getFieldEditorParent(), true));
        IntegerFieldEditor max = new IntegerFieldEditor(UiPreferences.BODY_MAX_KB,
                "&Largest message downloaded in full (KB):", getFieldEditorParent());
        max.setValidRange(1, 1024 * 1024);
        addField(max);
        addField(new BooleanFieldEditor(UiPreferences.PUSH_CHANGES,
                "Send &local changes (read, flag, delete, move) to the server at once", getFieldEditorParent()));
        addField(new BooleanFieldEditor(UiPreferences.CONFIRM_DELETE, "&Ask before deleting messages",
                getFieldEditorParent()));
    }
}
