/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Properties of the selected account or folder: opens a {@link PropertiesDialog}.
 */
public final class PropertiesHandler extends ClientHandler {

    /** For the handlers extension point. */
    public PropertiesHandler() {
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection s
                && (s.getFirstElement() instanceof AccountNode || s.getFirstElement() instanceof FolderNode)) {
            new PropertiesDialog(HandlerUtil.getActiveShell(event), requireClient(), s.getFirstElement()).open();
        }
        return null;
    }
}
