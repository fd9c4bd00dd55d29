/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ContributionItemFactory;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/**
 * The standalone Tidemark workbench (application {@code io.tidemark.ui.workbench}, started by
 * {@code ./tidemark workbench}): a minimal workbench whose window opens the {@link TidemarkPerspective}, with
 * File, Window and Help menus; the Tidemark menu and the views come from plugin.xml like in the IDE.
 */
public final class WorkbenchApplication implements IApplication {

    /** For the applications extension point. */
    public WorkbenchApplication() {
    }

    @Override
    public Object start(IApplicationContext context) {
        Display display = PlatformUI.createDisplay();
        try {
            int code = PlatformUI.createAndRunWorkbench(display, new Advisor());
            return code == PlatformUI.RETURN_RESTART ? IApplication.EXIT_RESTART : IApplication.EXIT_OK;
        } finally {
            display.dispose();
        }
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                workbench.close();
            }
        });
    }

    /** Opens the Tidemark perspective and remembers the layout between runs. */
    static final class Advisor extends WorkbenchAdvisor {
        @Override
        public void initialize(IWorkbenchConfigurer configurer) {
            configurer.setSaveAndRestore(true);
        }

        @Override
        public String getInitialWindowPerspectiveId() {
            return TidemarkPerspective.ID;
        }

        @Override
        public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
            return new WorkbenchWindowAdvisor(configurer) {
                @Override
                public void preWindowOpen() {
                    IWorkbenchWindowConfigurer c = getWindowConfigurer();
                    c.setInitialSize(new Point(1280, 820));
                    c.setShowCoolBar(false);
                    c.setShowStatusLine(true);
                    c.setShowProgressIndicator(true);
                    c.setShowPerspectiveBar(false);
                    c.setTitle("Tidemark");
                }

                @Override
                public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer abc) {
                    return new Menus(abc);
                }
            };
        }
    }

    /** File (Exit), Window (Show View, Preferences, Reset Perspective), Help (About). */
    static final class Menus extends ActionBarAdvisor {
        private IWorkbenchWindow window;

        Menus(IActionBarConfigurer configurer) {
            super(configurer);
        }

        @Override
        protected void makeActions(IWorkbenchWindow w) {
            window = w;
            register(ActionFactory.QUIT.create(w));
            register(ActionFactory.PREFERENCES.create(w));
            register(ActionFactory.RESET_PERSPECTIVE.create(w));
            register(ActionFactory.ABOUT.create(w));
        }

        @Override
        protected void fillMenuBar(IMenuManager bar) {
            MenuManager file = new MenuManager("&File", IWorkbenchActionConstants.M_FILE);
            file.add(new GroupMarker(IWorkbenchActionConstants.FILE_START));
            file.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
            file.add(getAction(ActionFactory.QUIT.getId()));
            MenuManager win = new MenuManager("&Window", IWorkbenchActionConstants.M_WINDOW);
            MenuManager views = new MenuManager("Show &View");
            views.add(ContributionItemFactory.VIEWS_SHORTLIST.create(window));
            win.add(views);
            win.add(getAction(ActionFactory.RESET_PERSPECTIVE.getId()));
            win.add(new Separator());
            win.add(getAction(ActionFactory.PREFERENCES.getId()));
            MenuManager help = new MenuManager("&Help", IWorkbenchActionConstants.M_HELP);
            help.add(getAction(ActionFactory.ABOUT.getId()));
            bar.add(file);
            bar.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
            bar.add(win);
            bar.add(help);
        }
    }
}
