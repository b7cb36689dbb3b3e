package dev.pennant.installer;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes Pennant's application icon for every OS from one vector drawing (Java2D, so every size is drawn, not
 * scaled): {@code pennant.png} (256 px: Linux launcher and .desktop entry, window icon), {@code pennant-32.png}
 * (small window icon), {@code pennant.ico} (Windows: 16, 24, 32, 48, 64, 128 and 256 px) and {@code pennant.icns}
 * (macOS: 16 to 1024 px). ICO and ICNS hold PNG-compressed images (Windows Vista and later, macOS 10.7 and later
 * read those); the JDK writes neither container, so this class does (decision 0017).
 *
 * <p>Run from the repository root: {@code java installer/src/main/java/dev/pennant/installer/IconWriter.java
 * resources/icons}. The output is committed; the build only reads it.
 */
public final class IconWriter {

    /** Sizes in the .ico, in pixels (256 is stored as 0 in the directory, as the format says). */
    static final List<Integer> ICO_SIZES = List.of(16, 24, 32, 48, 64, 128, 256);

    /**
     * The .icns element types and their pixel sizes (Apple's "icns" types for PNG data: {@code icp4/icp5} 16/32,
     * {@code ic07..ic10} 128, 256, 512, 1024; the {@code ic11..ic14} retina variants of 16, 32, 128, 256).
     */
    static final Map<String, Integer> ICNS_TYPES = icnsTypes();

    private IconWriter() {
    }

    /**
     * Writes the four icon files into {@code args[0]} (created when missing).
     *
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: IconWriter OUTPUT_DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Files.write(dir.resolve("pennant.png"), png(256));
        Files.write(dir.resolve("pennant-32.png"), png(32));
        Files.write(dir.resolve("pennant.ico"), ico());
        Files.write(dir.resolve("pennant.icns"), icns());
        System.out.println("wrote pennant.png, pennant-32.png, pennant.ico, pennant.icns to " + dir.toAbsolutePath());
    }

    /**
     * The icon at {@code size} x {@code size} pixels, ARGB: a blue rounded square, a white pole, an orange pennant.
     * Drawn on a 256-unit grid scaled to {@code size}.
     *
     * @throws IllegalArgumentException when size is not in 1..1024
     */
    static BufferedImage draw(int size) {
        if (size < 1 || size > 1024) {
            throw new IllegalArgumentException("size must be 1..1024 px, was " + size);
        }
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.scale(size / 256.0, size / 256.0);
            g.setColor(new Color(0x1D4ED8));
            g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));
            g.setColor(new Color(0x1E40AF));
            g.setStroke(new BasicStroke(4));
            g.draw(new RoundRectangle2D.Double(10, 10, 236, 236, 52, 52));
            g.setColor(Color.WHITE);
            g.fill(new Rectangle2D.Double(58, 48, 17, 165));
            Path2D flag = new Path2D.Double();
            flag.moveTo(75, 58);
            flag.lineTo(206, 112);
            flag.lineTo(75, 166);
            flag.closePath();
            g.setColor(new Color(0xF59E0B));
            g.fill(flag);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** PNG bytes of {@link #draw(int)}. */
    static byte[] png(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(draw(size), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A Windows .ico: ICONDIR (6 bytes, little-endian: reserved 0, type 1, count), one 16-byte ICONDIRENTRY per
     * image (width, height with 0 for 256, 0 colours, planes 1, 32 bits per pixel, byte size, offset), then the PNGs.
     */
    static byte[] ico() {
        List<byte[]> images = ICO_SIZES.stream().map(IconWriter::png).toList();
        int offset = 6 + 16 * images.size();
        ByteBuffer dir = ByteBuffer.allocate(offset).order(ByteOrder.LITTLE_ENDIAN);
        dir.putShort((short) 0).putShort((short) 1).putShort((short) images.size());
        for (int i = 0; i < images.size(); i++) {
            int size = ICO_SIZES.get(i);
            dir.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size));
            dir.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
            dir.putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(dir.array());
        images.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /**
     * A macOS .icns: {@code 'icns'} and the total length (big-endian), then per element its 4-character type, its
     * length including this 8-byte header, and PNG data.
     */
    static byte[] icns() {
        Map<Integer, byte[]> bySize = new LinkedHashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(body)) {
            for (Map.Entry<String, Integer> t : ICNS_TYPES.entrySet()) {
                byte[] data = bySize.computeIfAbsent(t.getValue(), IconWriter::png);
                d.write(t.getKey().getBytes(StandardCharsets.US_ASCII));
                d.writeInt(8 + data.length);
                d.write(data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
        head.put("icns".getBytes(StandardCharsets.US_ASCII)).putInt(8 + body.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.array());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static Map<String, Integer> icnsTypes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("icp4", 16);
        m.put("icp5", 32);
        m.put("ic11", 32);
        m.put("ic12", 64);
        m.put("ic07", 128);
        m.put("ic13", 256);
        m.put("ic08", 256);
        m.put("ic14", 512);
        m.put("ic09", 512);
        m.put("ic10", 1024);
        return java.util.Collections.unmodifiableMap(m);
    }
}
