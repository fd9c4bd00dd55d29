/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.PlatformUI;

/**
 * The Tidemark perspective: Mailboxes on the left, Messages on the right, Sync Activity and the Progress
 * view (where syncs run and can be canceled) below. No editor area.
 */
public final class TidemarkPerspective implements IPerspectiveFactory {

    /** The perspective id. */
    public static final String ID = "io.tidemark.ui.perspective";

    /** The platform's Progress view (in org.eclipse.ui.ide). */
    static final String PROGRESS_VIEW = "org.eclipse.ui.views.ProgressView";

    /** For the perspectives extension point. */
    public TidemarkPerspective() {
    }

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editor = layout.getEditorArea();
        layout.setEditorAreaVisible(false);
        IFolderLayout left = layout.createFolder("io.tidemark.ui.left", IPageLayout.LEFT, 0.28f, editor);
        left.addView(MailboxesView.ID);
        layout.addView(MessagesView.ID, IPageLayout.TOP, 0.68f, editor);
        IFolderLayout bottom = layout.createFolder("io.tidemark.ui.bottom", IPageLayout.BOTTOM, 0.68f,
                MessagesView.ID);
        bottom.addView(SyncActivityView.ID);
        // an Eclipse without org.eclipse.ui.ide has no Progress view: keep only a place for it then
        if (PlatformUI.isWorkbenchRunning()
                && PlatformUI.getWorkbench().getViewRegistry().find(PROGRESS_VIEW) != null) {
            bottom.addView(PROGRESS_VIEW);
        } else {
            bottom.addPlaceholder(PROGRESS_VIEW);
        }
        for (String id : new String[] { MailboxesView.ID, MessagesView.ID, SyncActivityView.ID, PROGRESS_VIEW }) {
            layout.addShowViewShortcut(id);
        }
        layout.addPerspectiveShortcut(ID);
    }
}
