package dev.pennant.installer;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The icon containers, read back by a parser written from the format descriptions (not from IconWriter): every
 * directory entry points at a PNG that decodes to the size the entry claims. Checked for fresh output and for the
 * files committed in resources/icons, which the installers use.
 */
class IconWriterTest {

    private static final Path ICONS = Path.of(System.getProperty("pennant.root",
            System.getProperty("user.dir") + "/.."), "resources", "icons");

    private static BufferedImage decode(byte[] data, int offset, int length) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(data, offset, length));
        assertThat(img).as("PNG at %d", offset).isNotNull();
        return img;
    }

    /** Sizes in the .ico, checked entry by entry. */
    private static List<Integer> icoSizes(byte[] ico) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(ico).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort()).as("reserved").isZero();
        assertThat(b.getShort()).as("type 1 = icon").isEqualTo((short) 1);
        int count = b.getShort();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int w = Byte.toUnsignedInt(b.get(6 + 16 * i));
            int h = Byte.toUnsignedInt(b.get(7 + 16 * i));
            int bits = b.getShort(12 + 16 * i);
            int length = b.getInt(14 + 16 * i);
            int offset = b.getInt(18 + 16 * i);
            assertThat(offset + length).isLessThanOrEqualTo(ico.length);
            BufferedImage img = decode(ico, offset, length);
            assertThat(img.getWidth()).isEqualTo(w == 0 ? 256 : w);
            assertThat(img.getHeight()).isEqualTo(h == 0 ? 256 : h);
            assertThat(bits).isEqualTo(32);
            sizes.add(img.getWidth());
        }
        return sizes;
    }

    /** Type → decoded pixel size of each .icns element; the lengths must add up to the file. */
    private static Map<String, Integer> icnsSizes(byte[] icns) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(icns).order(ByteOrder.BIG_ENDIAN);
        assertThat(new String(icns, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("icns");
        assertThat(b.getInt(4)).as("total length").isEqualTo(icns.length);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        int pos = 8;
        while (pos < icns.length) {
            String type = new String(icns, pos, 4, StandardCharsets.US_ASCII);
            int length = b.getInt(pos + 4);
            BufferedImage img = decode(icns, pos + 8, length - 8);
            assertThat(img.getWidth()).isEqualTo(img.getHeight());
            sizes.put(type, img.getWidth());
            pos += length;
        }
        assertThat(pos).isEqualTo(icns.length);
        return sizes;
    }

    @Test
    void icoHoldsEverySizeAsDecodablePng() throws IOException {
        assertThat(icoSizes(IconWriter.ico())).containsExactly(16, 24, 32, 48, 64, 128, 256);
    }

    @Test
    void icnsHoldsApplesPngTypesAtTheirSizes() throws IOException {
        assertThat(icnsSizes(IconWriter.icns())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "icp4", 16, "icp5", 32, "ic11", 32, "ic12", 64, "ic07", 128,
                "ic13", 256, "ic08", 256, "ic14", 512, "ic09", 512, "ic10", 1024));
    }

    @Test
    void drawingHasTheBrandColoursWhereExpected() {
        BufferedImage img = IconWriter.draw(256);
        assertThat(img.getRGB(2, 2) >>> 24).as("transparent corner").isZero();
        assertThat(img.getRGB(128, 30) & 0xFFFFFF).as("blue field").isEqualTo(0x1D4ED8);
        assertThat(img.getRGB(66, 200) & 0xFFFFFF).as("white pole").isEqualTo(0xFFFFFF);
        assertThat(img.getRGB(120, 112) & 0xFFFFFF).as("orange pennant").isEqualTo(0xF59E0B);
    }

    @Test
    void committedIconsAreValid() throws IOException {
        assertThat(icoSizes(Files.readAllBytes(ICONS.resolve("pennant.ico")))).contains(16, 32, 48, 256);
        assertThat(icnsSizes(Files.readAllBytes(ICONS.resolve("pennant.icns")))).containsKeys("ic07", "ic08", "ic09", "ic10");
        BufferedImage png = ImageIO.read(ICONS.resolve("pennant.png").toFile());
        assertThat(png.getWidth()).isEqualTo(256);
        assertThat(ImageIO.read(ICONS.resolve("pennant-32.png").toFile()).getWidth()).isEqualTo(32);
    }
}
