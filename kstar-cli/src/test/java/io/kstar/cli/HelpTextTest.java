package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * #29: every command's help fits 80 columns without a line cut mid-word, and its example reads back, joined at
 * its shell line continuations, as the command kstar runs (the examples were cut mid-command before).
 */
class HelpTextTest {

  @ParameterizedTest
  @ValueSource(strings = {"reproduce", "plan", "compare", "budget", "sensitivity", "calibrate", "curve", "models",
      "serve", "completion"})
  void theHelpFits80Columns_andItsExampleIsWhole(String command) {
    Cli.Result r = Cli.run(command, "--help");
    assertThat(r.exit()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(Main.HELP_WIDTH));
    // no description wrapped after a lone period (".json, ." then "csv")
    assertThat(r.out()).doesNotContainPattern("[A-Za-z]\\.\\s*\\n\\s+(csv|json|md|txt)");
    int at = lines.indexOf("Example:");
    assertThat(at).as("an example").isPositive();
    StringBuilder joined = new StringBuilder();
    for (String l : lines.subList(at + 1, lines.size())) {
      String t = l.strip();
      boolean more = t.endsWith("\\");
      joined.append(more ? t.substring(0, t.length() - 1).strip() : t).append(' ');
      if (!more) {
        break;
      }
    }
    String example = joined.toString().strip();
    if (Main.EXAMPLES.containsKey(command)) {
      assertThat(example).isEqualTo(Main.EXAMPLES.get(command));
    } else {
      assertThat(example).startsWith("source <(./kstar completion bash)");
    }
  }
}
