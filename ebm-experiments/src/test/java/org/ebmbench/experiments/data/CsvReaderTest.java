package org.ebmbench.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ebmbench.data.Dataset;
import org.ebmbench.experiments.InputException;
import org.ebmbench.model.Domain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
  @TempDir Path dir;

  private Dataset read(String content, boolean header, Domain domain) throws IOException {
    Path file = dir.resolve("d.csv");
    Files.writeString(file, content);
    return CsvReader.read(file, "d.csv", header, domain);
  }

  private void assertError(String content, Domain domain, String message) {
    assertThatThrownBy(() -> read(content, false, domain))
        .isInstanceOf(InputException.class)
        .hasMessage(message);
  }

  @Test
  void readsNumbersSkippingCommentsBlankLinesAndHeader() throws IOException {
    Locale original = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMAN);
      Dataset d = read("x,y\n# a comment\n\n1.5, -2\n 3e-1,4\n", true, Domain.CONTINUOUS);
      assertThat(d.rows()).isEqualTo(2);
      assertThat(d.cols()).isEqualTo(2);
      assertThat(d.values()).containsExactly(1.5, -2.0, 0.3, 4.0);
    } finally {
      Locale.setDefault(original);
    }
  }

  @Test
  void namesLineAndColumnOfEachProblem() {
    assertError("1,2\n3,NaN\n", Domain.CONTINUOUS, "data file d.csv, line 2, column 2: value is NaN");
    assertError("1,2\n3,x\n", Domain.CONTINUOUS, "data file d.csv, line 2, column 2: 'x' is not a number");
    assertError("1,2\n\n3,4,5\n", Domain.CONTINUOUS, "data file d.csv, line 3: 3 columns, expected 2 like line 1");
    assertError("1,Infinity\n", Domain.CONTINUOUS, "data file d.csv, line 1, column 2: value is infinite");
    assertError("nan,1\n", Domain.CONTINUOUS, "data file d.csv, line 1, column 1: value is NaN");
    assertError("1,-inf\n", Domain.CONTINUOUS, "data file d.csv, line 1, column 2: value is infinite");
    assertError("1,,2\n", Domain.CONTINUOUS, "data file d.csv, line 1, column 2: empty value");
    assertError("1,-1\n1,0\n", Domain.SPINS, "data file d.csv, line 2, column 2: value 0 is not a spin (-1 or +1)");
    assertError("# only a comment\n", Domain.CONTINUOUS, "data file d.csv: no data rows");
  }

  @Test
  void missingFile() {
    assertThatThrownBy(() -> CsvReader.read(dir.resolve("no.csv"), "no.csv", false, Domain.SPINS))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("data file no.csv: no such file");
  }
}
