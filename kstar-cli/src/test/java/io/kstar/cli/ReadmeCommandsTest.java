package io.kstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs are executable: every {@code $ ./kstar …} command in the code blocks of README.md and of every
 * {@code docs/*.md} page runs (in-process, from the repository root; files it writes go to a temporary folder),
 * exits as the page shows (0; 2 when the block shows an error line; the number after {@code echo $?}), and every
 * line the page quotes for it (excerpts marked with … aside) is a line kstar prints — the figures the text
 * quotes included (for an error, the message after the file name). Commands that write a profile run first,
 * across all pages, as a reader who follows the walk-throughs would have done (a walk-through on one page may
 * plan with a profile another page writes); the others run page by page in document order. {@code serve} (it
 * does not return) and shell lines that are not kstar's are left out. A failure names the page and the line.
 */
class ReadmeCommandsTest {

  @TempDir Path work;

  /** One command: the page it is on (relative to the repository root), its line, its text and the lines shown after it. */
  record Command(String page, int line, String text, List<String> shown) {
    String where() {
      return page + ":" + line;
    }
  }

  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("README.md")) ? here : here.getParent();
  }

  /** README.md, then every docs/*.md by name. */
  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(root().resolve("README.md"));
    try (Stream<Path> docs = Files.list(root().resolve("docs"))) {
      docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  static List<Command> commands(Path page) throws IOException {
    String name = root().relativize(page).toString();
    List<String> lines = Files.readAllLines(page);
    List<Command> out = new ArrayList<>();
    boolean inBlock = false;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("```")) {
        inBlock = !inBlock;
        continue;
      }
      if (!inBlock || !l.startsWith("$ ./kstar ")) {
        continue;
      }
      int at = i + 1;
      StringBuilder cmd = new StringBuilder(l.substring(2));
      while (cmd.toString().endsWith("\\")) {
        cmd.setLength(cmd.length() - 1);
        cmd.append(' ').append(lines.get(i + 1).strip());
        i++;
        at = i + 1;
      }
      List<String> shown = new ArrayList<>();
      for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("```") && !lines.get(j).startsWith("$ "); j++) {
        shown.add(lines.get(j));
      }
      out.add(new Command(name, at, cmd.toString(), shown));
    }
    return out;
  }

  static List<Command> commands() throws IOException {
    List<Command> all = new ArrayList<>();
    for (Path page : pages()) {
      all.addAll(commands(page));
    }
    return all;
  }

  @Test
  void theReadmeAndTheDocsPagesHoldCommands() throws IOException {
    assertThat(commands(root().resolve("README.md"))).as("README.md: the worked plan").isNotEmpty();
    assertThat(commands()).hasSizeGreaterThan(10);
  }

  @Test
  void everyKstarCommandInTheReadmeAndTheDocs_runsAsThePageShows() throws IOException {
    List<Command> all = commands();
    assertThat(all).hasSizeGreaterThan(10);
    List<Command> order = new ArrayList<>();
    all.stream().filter(c -> c.text().contains("--write")).forEach(order::add);
    all.stream().filter(c -> !c.text().contains("--write")).forEach(order::add);
    Map<String, Path> written = new HashMap<>();
    SoftAssertions soft = new SoftAssertions();
    int ran = 0;
    for (Command c : order) {
      String text = c.text().replaceAll("\\s{3,}\\(.*\\)$", "").replaceAll("\\s+#.*$", "");
      Integer echoed = null;
      Matcher echo = Pattern.compile("\\s*>\\s*/dev/null;\\s*echo \\$\\?$").matcher(text);
      if (echo.find()) {
        text = text.substring(0, echo.start());
        echoed = Integer.parseInt(c.shown().get(0).strip());
      }
      List<String> args = new ArrayList<>(List.of(text.strip().split("\\s+")));
      args.remove(0); // ./kstar
      if (args.get(0).equals("serve")) {
        continue;
      }
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (a.startsWith("-")) {
          continue;
        }
        Path inRepo = root().resolve(a);
        boolean fileLike = a.matches(".*\\.(ya?ml|json|jsonl|csv)$") || (i > 0 && (args.get(i - 1).equals("--out")));
        if (Files.exists(inRepo) && a.contains("/")) {
          args.set(i, inRepo.toString());
        } else if (fileLike) {
          args.set(i, written.computeIfAbsent(a, x -> work.resolve(x)).toString());
        }
      }
      Cli.Result r = Cli.run(args.toArray(String[]::new));
      String first = c.shown().stream().filter(s -> !s.isBlank()).findFirst().orElse("");
      boolean showsError = echoed == null && first.startsWith("kstar: ") && !first.startsWith("kstar: skipped")
          && !first.startsWith("kstar: wrote") && !first.startsWith("kstar: warning");
      int expected = echoed != null ? echoed : showsError ? ExitCode.INVALID_INPUT : ExitCode.OK;
      soft.assertThat(r.exit()).as(c.where() + ": " + c.text() + "\n" + r.err()).isEqualTo(expected);
      soft.assertThat(r.err()).as(c.where() + ": " + c.text()).doesNotContain("Exception");
      if (showsError) {
        String message = first.substring("kstar: ".length());
        message = message.contains("...") ? message.substring(0, message.indexOf("...")) : message;
        Matcher file = Pattern.compile("^\\S+\\.(ya?ml|json|jsonl|csv): ").matcher(message);
        if (file.find()) {
          message = message.substring(file.end());
        }
        soft.assertThat(r.err()).as(c.where() + ": " + c.text()).contains(message);
      } else if (echoed == null) {
        // every line the page quotes (excerpts marked with … aside) is a line kstar prints
        // paths as the reader typed them: the repository root and the temporary folder taken off
        List<String> printed = (r.out() + "\n" + r.err()).replace(root() + "/", "").replace(work + "/", "")
            .lines().map(String::strip).toList();
        for (String quoted : c.shown()) {
          if (quoted.isBlank() || quoted.contains("…") || quoted.contains("...")) {
            continue;
          }
          soft.assertThat(printed).as(c.where() + ": " + c.text()).contains(quoted.strip());
        }
      }
      ran++;
    }
    soft.assertAll();
    assertThat(ran).isGreaterThan(10);
  }
}
