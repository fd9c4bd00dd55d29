/*
 * SPDX-License-Identifier: EPL-2.0
 */
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

/**
 * Draws the icons of io.tidemark.ui (16x16 and @2x 32x32 PNGs) with Java2D, so that every icon is our own.
 * Run from this folder with {@code java MakeIcons.java}; the bundle ships only the PNGs.
 * Shapes are drawn on a 16-unit grid and scaled; overlays on an 8-unit grid.
 */
public final class MakeIcons {

    static final Color BLUE = new Color(0x2A6FDB);
    static final Color DARK_BLUE = new Color(0x1B4C9C);
    static final Color YELLOW = new Color(0xF2C14E);
    static final Color DARK_YELLOW = new Color(0xB98A1C);
    static final Color RED = new Color(0xD83B2B);
    static final Color GREEN = new Color(0x2E9E4F);
    static final Color GREY = new Color(0x7A7F87);
    static final Color LIGHT = new Color(0xF4F6FA);
    static final Color ORANGE = new Color(0xE88A1A);
    static final Color TEAL = new Color(0x1F9AA8);

    public static void main(String[] args) throws Exception {
        Map<String, Consumer<Graphics2D>> icons = new LinkedHashMap<>();
        icons.put("account", MakeIcons::account);
        icons.put("folder", g -> folder(g, YELLOW, DARK_YELLOW));
        icons.put("folder_unsynced", g -> folder(g, new Color(0xDADDE2), GREY));
        icons.put("inbox", MakeIcons::inbox);
        icons.put("sent", MakeIcons::sent);
        icons.put("drafts", MakeIcons::drafts);
        icons.put("trash", MakeIcons::trash);
        icons.put("junk", MakeIcons::junk);
        icons.put("archive", MakeIcons::archive);
        icons.put("all", MakeIcons::all);
        icons.put("flagged_folder", g -> {
            folder(g, YELLOW, DARK_YELLOW);
            flagShape(g, 7, 5, 0.6f);
        });
        icons.put("unread", g -> dot(g, BLUE));
        icons.put("flag", g -> flagShape(g, 3, 1.5f, 1f));
        icons.put("pending", g -> clock(g, 8, 8, 6.5f));
        icons.put("answered", MakeIcons::answered);
        icons.put("sync", MakeIcons::sync);
        icons.put("mark_read", MakeIcons::openEnvelope);
        icons.put("mark_unread", g -> {
            envelope(g, 1, 3.5f, 14, 9.5f);
            dotAt(g, 13, 3.5f, 2.8f, BLUE);
        });
        icons.put("move", MakeIcons::move);
        icons.put("delete", MakeIcons::delete);
        icons.put("add_account", g -> {
            account(g);
            plus(g);
        });
        icons.put("remove_account", g -> {
            account(g);
            minus(g);
        });
        icons.put("properties", MakeIcons::properties);
        icons.put("subscribe", g -> {
            folder(g, YELLOW, DARK_YELLOW);
            check(g, 7, 7, GREEN);
        });
        icons.put("unsubscribe", g -> {
            folder(g, new Color(0xDADDE2), GREY);
            minus(g);
        });
        icons.put("mailboxes", MakeIcons::mailboxesView);
        icons.put("messages", MakeIcons::messagesView);
        icons.put("activity", MakeIcons::activity);
        icons.put("tidemark", MakeIcons::tidemark);
        icons.put("clear", MakeIcons::clear);
        for (var e : icons.entrySet()) {
            write(e.getKey(), 16, 1f, e.getValue());
            write(e.getKey() + "@2x", 32, 2f, e.getValue());
        }
        Map<String, Consumer<Graphics2D>> overlays = new LinkedHashMap<>();
        overlays.put("ovr_syncing", MakeIcons::ovrSyncing);
        overlays.put("ovr_error", MakeIcons::ovrError);
        overlays.put("ovr_offline", MakeIcons::ovrOffline);
        overlays.put("ovr_auth", MakeIcons::ovrAuth);
        overlays.put("ovr_ok", MakeIcons::ovrOk);
        overlays.put("ovr_pending", g -> clock(g, 4, 4, 3.6f));
        for (var e : overlays.entrySet()) {
            write(e.getKey(), 8, 1f, e.getValue());
            write(e.getKey() + "@2x", 16, 2f, e.getValue());
        }
    }

    static void write(String name, int px, float scale, Consumer<Graphics2D> draw) throws Exception {
        BufferedImage img = new BufferedImage(px, px, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(scale, scale);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        draw.accept(g);
        g.dispose();
        ImageIO.write(img, "png", new File(name + ".png"));
    }

    static void stroke(Graphics2D g, float w) {
        g.setStroke(new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    /** @return the line through the points (x, y pairs), closed back to the first if asked */
    static GeneralPath path(boolean closed, float... xy) {
        GeneralPath p = new GeneralPath();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        if (closed) {
            p.closePath();
        }
        return p;
    }

    /** Fills a shape, then outlines it with a pen of {@code width}. */
    static void filled(Graphics2D g, Shape s, Color fill, Color edge, float width) {
        g.setColor(fill);
        g.fill(s);
        g.setColor(edge);
        stroke(g, width);
        g.draw(s);
    }

    /** A disc of 7 units in a white rim, in the 8-unit square at (x, y); leaves a white pen of {@code width}. */
    static void badge(Graphics2D g, float x, float y, Color c, float width) {
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Float(x, y, 8, 8));
        g.setColor(c);
        g.fill(new Ellipse2D.Float(x + 0.5f, y + 0.5f, 7, 7));
        g.setColor(Color.WHITE);
        stroke(g, width);
    }

    static void account(Graphics2D g) {
        // a server: two stacked rounded boxes with status lights
        for (int i = 0; i < 2; i++) {
            float y = 2.5f + i * 6;
            filled(g, new RoundRectangle2D.Float(1.5f, y, 12, 5, 2, 2), i == 0 ? new Color(0x5B8DE8) : BLUE, DARK_BLUE,
                    0.8f);
            g.setColor(LIGHT);
            g.fill(new Ellipse2D.Float(3.2f, y + 1.7f, 1.6f, 1.6f));
            g.draw(new Line2D.Float(6.5f, y + 2.5f, 11.5f, y + 2.5f));
        }
    }

    static void folder(Graphics2D g, Color fill, Color edge) {
        filled(g, path(true, 1.5f, 4, 1.5f, 13, 14.5f, 13, 14.5f, 5, 7.5f, 5, 6, 3, 2.5f, 3), fill, edge, 0.9f);
        g.draw(new Line2D.Float(1.5f, 6.5f, 14.5f, 6.5f));
    }

    static void inbox(Graphics2D g) {
        GeneralPath tray = path(true, 1.5f, 9, 4, 3, 12, 3, 14.5f, 9, 14.5f, 13.5f, 1.5f, 13.5f);
        g.setColor(new Color(0xDCE7FA));
        g.fill(tray);
        g.setColor(BLUE);
        g.fill(path(true, 1.5f, 9, 5, 9, 6, 11, 10, 11, 11, 9, 14.5f, 9, 14.5f, 13.5f, 1.5f, 13.5f));
        g.setColor(DARK_BLUE);
        stroke(g, 0.9f);
        g.draw(tray);
    }

    static void sent(Graphics2D g) {
        filled(g, path(true, 1.5f, 7.5f, 14.5f, 2, 10, 14, 7.5f, 9), new Color(0xDCE7FA), BLUE, 1f);
        g.draw(new Line2D.Float(7.5f, 9, 14.5f, 2));
    }

    static void drafts(Graphics2D g) {
        filled(g, new RoundRectangle2D.Float(2, 1.5f, 10, 13, 1.5f, 1.5f), LIGHT, GREY, 0.9f);
        for (int i = 0; i < 3; i++) {
            g.draw(new Line2D.Float(4, 4.5f + i * 2.5f, 9, 4.5f + i * 2.5f));
        }
        filled(g, path(true, 8, 14.5f, 8.5f, 12, 14, 6.5f, 15.5f, 8, 10, 13.5f), ORANGE, new Color(0x9A5A0A), 0.9f);
    }

    static void trash(Graphics2D g) {
        filled(g, path(true, 3.5f, 5, 4.5f, 14.5f, 11.5f, 14.5f, 12.5f, 5), new Color(0xC9CED6), GREY, 0.9f);
        g.draw(new Line2D.Float(2, 3.5f, 14, 3.5f));
        g.draw(new Line2D.Float(6.5f, 3.5f, 6.5f, 2));
        g.draw(new Line2D.Float(6.5f, 2, 9.5f, 2));
        g.draw(new Line2D.Float(9.5f, 2, 9.5f, 3.5f));
        for (float x : new float[] { 6.3f, 8, 9.7f }) {
            g.draw(new Line2D.Float(x, 6.5f, x, 12.5f));
        }
    }

    static void junk(Graphics2D g) {
        g.setColor(new Color(0xFBE3E0));
        g.fill(new Ellipse2D.Float(1.5f, 1.5f, 13, 13));
        g.setColor(RED);
        stroke(g, 1.6f);
        g.draw(new Ellipse2D.Float(2, 2, 12, 12));
        g.draw(new Line2D.Float(4, 12, 12, 4));
    }

    static void archive(Graphics2D g) {
        g.setColor(new Color(0xE9D3A8));
        g.fill(new RoundRectangle2D.Float(2.5f, 6, 11, 8.5f, 1, 1));
        g.setColor(new Color(0xC79A4A));
        g.fill(new RoundRectangle2D.Float(1.5f, 2.5f, 13, 3.5f, 1, 1));
        g.setColor(new Color(0x8A6420));
        stroke(g, 0.9f);
        g.draw(new RoundRectangle2D.Float(2.5f, 6, 11, 8.5f, 1, 1));
        g.draw(new RoundRectangle2D.Float(1.5f, 2.5f, 13, 3.5f, 1, 1));
        stroke(g, 1.3f);
        g.draw(new Line2D.Float(6.5f, 8.5f, 9.5f, 8.5f));
    }

    static void all(Graphics2D g) {
        for (int i = 2; i >= 0; i--) {
            envelope(g, 1 + i * 1.2f, 2 + i * 2.2f, 11, 7);
        }
    }

    static void envelope(Graphics2D g, float x, float y, float w, float h) {
        filled(g, new RoundRectangle2D.Float(x, y, w, h, 1.2f, 1.2f), LIGHT, DARK_BLUE, 0.9f);
        g.draw(path(false, x + 0.5f, y + 0.7f, x + w / 2, y + h * 0.58f, x + w - 0.5f, y + 0.7f));
    }

    static void openEnvelope(Graphics2D g) {
        filled(g, path(true, 1.5f, 7, 8, 2, 14.5f, 7, 14.5f, 14, 1.5f, 14), LIGHT, DARK_BLUE, 0.9f);
        g.draw(new Line2D.Float(1.5f, 7, 8, 11));
        g.draw(new Line2D.Float(14.5f, 7, 8, 11));
    }

    static void dot(Graphics2D g, Color c) {
        dotAt(g, 8, 8, 4.2f, c);
    }

    static void dotAt(Graphics2D g, float cx, float cy, float r, Color c) {
        g.setColor(c);
        g.fill(new Ellipse2D.Float(cx - r, cy - r, 2 * r, 2 * r));
    }

    static void flagShape(Graphics2D g, float x, float y, float s) {
        g.setColor(RED);
        g.fill(path(true, x + 1.5f * s, y + 1 * s, x + 10 * s, y + 1 * s, x + 7.5f * s, y + 4.5f * s, x + 10 * s,
                y + 8 * s, x + 1.5f * s, y + 8 * s));
        g.setColor(new Color(0x5A1A12));
        stroke(g, 1.1f * s);
        g.draw(new Line2D.Float(x + 1.5f * s, y + 0.5f * s, x + 1.5f * s, y + 13 * s));
    }

    static void clock(Graphics2D g, float cx, float cy, float r) {
        filled(g, new Ellipse2D.Float(cx - r, cy - r, 2 * r, 2 * r), new Color(0xFFF1DC), ORANGE, Math.max(0.8f, r / 5));
        g.draw(new Line2D.Float(cx, cy, cx, cy - r * 0.62f));
        g.draw(new Line2D.Float(cx, cy, cx + r * 0.5f, cy + r * 0.1f));
    }

    static void answered(Graphics2D g) {
        g.setColor(new Color(0x7B57C8));
        stroke(g, 1.6f);
        g.draw(path(false, 6, 3, 1.5f, 7.5f, 6, 12));
        GeneralPath tail = new GeneralPath();
        tail.moveTo(2, 7.5f);
        tail.curveTo(9, 7.5f, 14, 8, 14, 13.5f);
        g.draw(tail);
    }

    static void sync(Graphics2D g) {
        stroke(g, 1.7f);
        g.setColor(GREEN);
        g.draw(new Arc2D.Float(2.5f, 2.5f, 11, 11, 100, 150, Arc2D.OPEN));
        g.draw(new Arc2D.Float(2.5f, 2.5f, 11, 11, 280, 150, Arc2D.OPEN));
        arrowHead(g, 6.2f, 3.2f, 1, 8.8f, 1.2f);
        arrowHead(g, 9.8f, 12.8f, -1, 7.2f, 14.8f);
    }

    static void arrowHead(Graphics2D g, float x, float y, float dir, float ax, float ay) {
        g.fill(path(true, ax, ay, x + dir * 1.5f, y + dir * 1.6f, x - dir * 0.3f, y - dir * 2.2f));
    }

    static void move(Graphics2D g) {
        folder(g, YELLOW, DARK_YELLOW);
        g.setColor(GREEN);
        stroke(g, 1.8f);
        g.draw(new Line2D.Float(4, 10, 10.5f, 10));
        g.fill(path(true, 9, 7.2f, 12.5f, 10, 9, 12.8f));
    }

    static void delete(Graphics2D g) {
        g.setColor(RED);
        stroke(g, 2.2f);
        g.draw(new Line2D.Float(3.5f, 3.5f, 12.5f, 12.5f));
        g.draw(new Line2D.Float(12.5f, 3.5f, 3.5f, 12.5f));
    }

    static void plus(Graphics2D g) {
        badge(g, 8, 8, GREEN, 1.4f);
        g.draw(new Line2D.Float(12, 10, 12, 14));
        g.draw(new Line2D.Float(10, 12, 14, 12));
    }

    static void minus(Graphics2D g) {
        badge(g, 8, 8, RED, 1.4f);
        g.draw(new Line2D.Float(10, 12, 14, 12));
    }

    static void check(Graphics2D g, float x, float y, Color c) {
        badge(g, x + 1, y + 1, c, 1.3f);
        g.draw(path(false, x + 3.2f, y + 5.2f, x + 4.6f, y + 6.6f, x + 7, y + 3.6f));
    }

    static void properties(Graphics2D g) {
        filled(g, new RoundRectangle2D.Float(2, 1.5f, 12, 13, 1.5f, 1.5f), LIGHT, GREY, 0.9f);
        for (int i = 0; i < 4; i++) {
            g.setColor(BLUE);
            g.fill(new Ellipse2D.Float(4, 3.6f + i * 2.7f, 1.6f, 1.6f));
            g.setColor(GREY);
            g.draw(new Line2D.Float(7, 4.4f + i * 2.7f, 12, 4.4f + i * 2.7f));
        }
    }

    static void mailboxesView(Graphics2D g) {
        g.setColor(GREY);
        stroke(g, 0.9f);
        g.draw(new Line2D.Float(3.5f, 5, 3.5f, 12.5f));
        g.draw(new Line2D.Float(3.5f, 8.5f, 6, 8.5f));
        g.draw(new Line2D.Float(3.5f, 12.5f, 6, 12.5f));
        smallFolder(g, 1, 1);
        smallFolder(g, 6, 6);
        smallFolder(g, 6, 10);
    }

    static void smallFolder(Graphics2D g, float x, float y) {
        filled(g, new RoundRectangle2D.Float(x, y, 8.5f, 5, 1, 1), YELLOW, DARK_YELLOW, 0.8f);
    }

    static void messagesView(Graphics2D g) {
        for (int i = 0; i < 3; i++) {
            float y = 2 + i * 4.3f;
            g.setColor(i == 0 ? BLUE : GREY);
            g.fill(new Ellipse2D.Float(1.5f, y + 0.6f, 2.4f, 2.4f));
            g.setColor(i == 0 ? DARK_BLUE : GREY);
            stroke(g, i == 0 ? 1.6f : 1f);
            g.draw(new Line2D.Float(5.5f, y + 1.8f, 14.5f, y + 1.8f));
        }
    }

    static void activity(Graphics2D g) {
        g.setColor(TEAL);
        stroke(g, 1.4f);
        g.draw(path(false, 1, 9, 4, 9, 6, 3, 9, 13, 11, 7, 12.5f, 9, 15, 9));
    }

    static void tidemark(Graphics2D g) {
        g.setColor(new Color(0xE3F1FB));
        g.fill(new Ellipse2D.Float(0.5f, 0.5f, 15, 15));
        g.setColor(BLUE);
        stroke(g, 1.5f);
        for (int i = 0; i < 2; i++) {
            float y = 6 + i * 4;
            GeneralPath w = new GeneralPath();
            w.moveTo(2, y);
            w.curveTo(4, y - 2.2f, 6, y - 2.2f, 8, y);
            w.curveTo(10, y + 2.2f, 12, y + 2.2f, 14, y);
            g.draw(w);
        }
    }

    static void clear(Graphics2D g) {
        filled(g, new RoundRectangle2D.Float(2, 2, 12, 12, 2, 2), LIGHT, GREY, 0.9f);
        g.setColor(RED);
        stroke(g, 1.5f);
        g.draw(new Line2D.Float(5.5f, 5.5f, 10.5f, 10.5f));
        g.draw(new Line2D.Float(10.5f, 5.5f, 5.5f, 10.5f));
    }

    // overlays: an 8-unit grid, each a badge (a white rim, so they read on any base icon)

    static void ovrSyncing(Graphics2D g) {
        badge(g, 0, 0, BLUE, 0.9f);
        g.draw(new Arc2D.Float(2, 2, 4, 4, 60, 250, Arc2D.OPEN));
        g.fill(path(true, 4.8f, 0.9f, 6.9f, 2.1f, 4.9f, 3.4f));
    }

    static void ovrError(Graphics2D g) {
        badge(g, 0, 0, RED, 1.1f);
        g.draw(new Line2D.Float(2.6f, 2.6f, 5.4f, 5.4f));
        g.draw(new Line2D.Float(5.4f, 2.6f, 2.6f, 5.4f));
    }

    static void ovrOffline(Graphics2D g) {
        badge(g, 0, 0, GREY, 1.2f);
        g.draw(new Line2D.Float(2.3f, 4, 5.7f, 4));
    }

    static void ovrAuth(Graphics2D g) {
        badge(g, 0, 0, new Color(0xE0A100), 0.8f);
        g.fill(new RoundRectangle2D.Float(2.4f, 3.8f, 3.2f, 2.6f, 0.6f, 0.6f));
        g.draw(new Arc2D.Float(2.9f, 1.8f, 2.2f, 3.4f, 0, 180, Arc2D.OPEN));
    }

    static void ovrOk(Graphics2D g) {
        badge(g, 0, 0, GREEN, 1f);
        g.draw(path(false, 2.2f, 4.1f, 3.5f, 5.4f, 5.9f, 2.7f));
    }
}
