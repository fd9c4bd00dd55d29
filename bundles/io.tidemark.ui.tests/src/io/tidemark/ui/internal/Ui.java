/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.eclipse.core.commands.Command;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.WorkbenchException;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;

/**
 * Drives the real workbench the tests run in (UI thread): waits while dispatching events, opens the
 * perspective and views, runs commands as menus do, takes screenshots.
 */
final class Ui {

    static final Duration WAIT = Duration.ofSeconds(60);

    private Ui() {
    }

    static Display display() {
        return PlatformUI.getWorkbench().getDisplay();
    }

    static IWorkbenchWindow window() {
        IWorkbenchWindow w = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        return w != null ? w : PlatformUI.getWorkbench().getWorkbenchWindows()[0];
    }

    static IWorkbenchPage page() {
        return window().getActivePage();
    }

    /** Dispatches every pending event. */
    static void pump() {
        Display d = display();
        while (d.readAndDispatch()) {
            // keep going
        }
    }

    /** Dispatches events for a while. */
    static void pump(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        Display d = display();
        while (System.nanoTime() < end) {
            if (!d.readAndDispatch()) {
                sleep(5);
            }
        }
    }

    /** Dispatches events until the condition holds; fails naming what it waited for after {@link #WAIT}. */
    static void waitUntil(String what, BooleanSupplier condition) {
        waitUntil(what, WAIT, condition);
    }

    static void waitUntil(String what, Duration max, BooleanSupplier condition) {
        waitUntil(() -> what, max, condition);
    }

    /** As {@link #waitUntil(String, BooleanSupplier)}, the message made when it fails (with diagnostics). */
    static void waitUntil(java.util.function.Supplier<String> what, BooleanSupplier condition) {
        waitUntil(what, WAIT, condition);
    }

    static void waitUntil(java.util.function.Supplier<String> what, Duration max, BooleanSupplier condition) {
        long end = System.nanoTime() + max.toNanos();
        Display d = display();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("Waited " + max.toSeconds() + " s in vain until " + what.get());
            }
            if (!d.readAndDispatch()) {
                sleep(5);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void openPerspective() throws WorkbenchException {
        PlatformUI.getWorkbench().showPerspective(TidemarkPerspective.ID, window());
        Shell s = window().getShell();
        s.setSize(1280, 820);
        s.setLocation(0, 0);
        pump();
    }

    @SuppressWarnings("unchecked")
    static <T extends IViewPart> T view(String id) throws PartInitException {
        T v = (T) page().showView(id);
        pump();
        return v;
    }

    /** Runs a command as a menu would, in the active part's context. */
    static Object execute(String commandId, Map<String, String> parameters) throws Exception {
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        IHandlerService handlers = window().getService(IHandlerService.class);
        Command c = commands.getCommand(commandId);
        ParameterizedCommand pc = ParameterizedCommand.generateCommand(c, parameters);
        Object r = handlers.executeCommand(pc, null);
        pump();
        return r;
    }

    static Object execute(String commandId) throws Exception {
        return execute(commandId, Map.of());
    }

    /** @return the shells open now that are not the workbench window's */
    static long otherShells() {
        Shell main = window().getShell();
        long n = 0;
        for (Shell s : display().getShells()) {
            if (s != main && !s.isDisposed() && s.isVisible()) {
                n++;
            }
        }
        return n;
    }

    /** Saves what the control shows as a PNG (GC copyArea of the real, painted widgets under Xvfb). */
    static Path screenshot(Control control, Path file) throws IOException {
        Rectangle r = control.getBounds();
        // a shell's bounds are already in display coordinates, a child's are relative to its parent
        Point origin = control instanceof Shell || control.getParent() == null ? new Point(r.x, r.y)
                : control.getParent().toDisplay(r.x, r.y);
        return capture(control.getDisplay(), new Rectangle(origin.x, origin.y, r.width, r.height), file);
    }

    /** Saves a shell's client area (a dialog without the invisible margins GTK adds around it). */
    static Path screenshotClientArea(Shell shell, Path file) throws IOException {
        Rectangle ca = shell.getClientArea();
        Point origin = shell.toDisplay(ca.x, ca.y);
        return capture(shell.getDisplay(), new Rectangle(origin.x, origin.y, ca.width, ca.height), file);
    }

    private static Path capture(Display d, Rectangle area, Path file) throws IOException {
        pump();
        Point origin = new Point(area.x, area.y);
        Rectangle r = area;
        Image img = new Image(d, r.width, r.height);
        GC gc = new GC(d);
        try {
            gc.copyArea(img, origin.x, origin.y);
        } finally {
            gc.dispose();
        }
        try {
            ImageData data = withoutBlackBottom(img.getImageData());
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            Files.createDirectories(file.getParent());
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            img.dispose();
        }
        return file;
    }

    /** @return the picture without the rows at the bottom that Xvfb left black (no window manager draws them) */
    private static ImageData withoutBlackBottom(ImageData data) {
        int h = data.height;
        while (h > 1 && blackRow(data, h - 1)) {
            h--;
        }
        if (h == data.height) {
            return data;
        }
        ImageData cut = new ImageData(data.width, h, data.depth, data.palette);
        int[] row = new int[data.width];
        for (int y = 0; y < h; y++) {
            data.getPixels(0, y, data.width, row, 0);
            cut.setPixels(0, y, data.width, row, 0);
        }
        return cut;
    }

    private static boolean blackRow(ImageData data, int y) {
        int[] row = new int[data.width];
        data.getPixels(0, y, data.width, row, 0);
        for (int p : row) {
            if ((p & 0xFFFFFF) != 0) {
                return false;
            }
        }
        return true;
    }
}
