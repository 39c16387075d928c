package org.ebmbench.experiments.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.ebmbench.experiments.picture.Rasters.Scaling;
import org.ebmbench.experiments.results.Picture;
import org.junit.jupiter.api.Test;

class RastersTest {
  private static BufferedImage decode(Picture picture) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(picture.png())));
  }

  private static int gray(BufferedImage image, int x, int y) {
    return image.getRaster().getSample(x, y, 0);
  }

  @Test
  void tilesAreLaidOutInRowsWithSeparators() throws IOException {
    // Three 2x2 tiles, two per row: 2 * 3 + 1 = 7 wide, 2 * 3 + 1 = 7 high.
    double[][] tiles = {{0, 1, 1, 0}, {1, 1, 1, 1}, {0, 0, 0, 0.5}};
    Picture picture = Rasters.tiles("samples", "three tiles", tiles, 2, 2, 2, Scaling.UNIT);
    BufferedImage image = decode(picture);

    assertThat(picture.width()).isEqualTo(7);
    assertThat(picture.height()).isEqualTo(7);
    assertThat(image.getWidth()).isEqualTo(7);
    assertThat(image.getHeight()).isEqualTo(7);
    assertThat(gray(image, 0, 0)).isEqualTo(128);
    // Tile 0 at (1,1): black, white / white, black.
    assertThat(gray(image, 1, 1)).isZero();
    assertThat(gray(image, 2, 1)).isEqualTo(255);
    assertThat(gray(image, 1, 2)).isEqualTo(255);
    // Tile 1 at (4,1) is white; tile 2 at (1,4) has 0.5 -> 128 in its last pixel.
    assertThat(gray(image, 4, 1)).isEqualTo(255);
    assertThat(gray(image, 2, 5)).isEqualTo(128);
  }

  @Test
  void perTileScalingStretchesEachTileToFullRange() throws IOException {
    double[][] tiles = {{-3, -1}, {10, 20}};
    BufferedImage image =
        decode(Rasters.tiles("filters", "", tiles, 2, 1, 2, Scaling.PER_TILE));
    assertThat(gray(image, 1, 1)).isZero();
    assertThat(gray(image, 2, 1)).isEqualTo(255);
    assertThat(gray(image, 4, 1)).isZero();
    assertThat(gray(image, 5, 1)).isEqualTo(255);
  }

  @Test
  void heatmapRunsFromDarkBlueToYellowAndClamps() throws IOException {
    Picture picture = Rasters.heatmap("density", "", new double[] {0, 1, 2, -5}, 2, 2, 0, 2);
    BufferedImage image = decode(picture);
    assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(0x440154);
    assertThat(image.getRGB(0, 1) & 0xffffff).isEqualTo(0xfde725);
    // Below the range clamps to the low end.
    assertThat(image.getRGB(1, 1) & 0xffffff).isEqualTo(0x440154);
    assertThat(picture.dataUri()).startsWith("data:image/png;base64,iVBOR");
  }

  @Test
  void badShapesNameThePicture() {
    assertThatThrownBy(() -> Rasters.tiles("samples", "", new double[][] {{1, 2, 3}}, 2, 2, 1, Scaling.UNIT))
        .hasMessageContaining("picture 'samples': tile 0 has 3 values, not 2x2");
    assertThatThrownBy(() -> Rasters.heatmap("density", "", new double[3], 2, 2, 0, 1))
        .hasMessageContaining("picture 'density': 3 values for 2x2");
  }
}
