/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Add Account: opens the {@link AddAccountWizard}.
 */
public final class AddAccountHandler extends AbstractHandler {

    /** For the handlers extension point. */
    public AddAccountHandler() {
    }

    @Override
    public Object execute(ExecutionEvent event) {
        new WizardDialog(HandlerUtil.getActiveShell(event), new AddAccountWizard()).open();
        return null;
    }
}
