/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;

/** Finds and operates widgets the way a user's clicks would. */
final class Widgets {

    private Widgets() {
    }

    /** @return every control of that type under {@code c}, in widget order */
    static <T extends Control> List<T> all(Composite c, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Control k : c.getChildren()) {
            if (type.isInstance(k)) {
                out.add(type.cast(k));
            }
            if (k instanceof Composite cc) {
                out.addAll(all(cc, type));
            }
        }
        return out;
    }

    /** @return the button whose label, without mnemonics, starts with {@code label} */
    static Button button(Composite c, String label) {
        for (Button b : all(c, Button.class)) {
            if (b.getText().replace("&", "").startsWith(label)) {
                return b;
            }
        }
        throw new AssertionError("no button '" + label + "'");
    }

    /** Clicks: sets a check or radio button's state first, then sends the selection event. */
    static void click(Button b, boolean select) {
        if ((b.getStyle() & (SWT.CHECK | SWT.RADIO)) != 0) {
            if ((b.getStyle() & SWT.RADIO) != 0) {
                for (Control sibling : b.getParent().getChildren()) {
                    if (sibling instanceof Button r && (r.getStyle() & SWT.RADIO) != 0) {
                        r.setSelection(false);
                    }
                }
            }
            b.setSelection(select);
        }
        b.notifyListeners(SWT.Selection, new Event());
        Ui.pump();
    }

    static void click(Button b) {
        click(b, true);
    }
}
