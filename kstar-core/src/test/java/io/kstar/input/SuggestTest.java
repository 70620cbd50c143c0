package io.kstar.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Did you mean": the nearest known name by Levenshtein distance (case-insensitive), offered only when
 * the distance d is at least 1 and at most min(3, max(1, floor(max(|typed|, |known|) / 3))).
 */
class SuggestTest {

  @Test
  void nothingTyped_orNothingKnown_suggestsNothing() {
    assertThat(Suggest.closest(null, List.of("gpt5"))).isEmpty();
    assertThat(Suggest.closest("", List.of("gpt5"))).isEmpty();
    assertThat(Suggest.closest("gpt5", List.of())).isEmpty();
  }

  @Test
  void anExactMatch_isNoSlip_butTheSameNameInAnotherCaseIs() {
    assertThat(Suggest.closest("gpt5", List.of("gpt5"))).isEmpty();
    assertThat(Suggest.closest("GPT5", List.of("gpt5"))).contains("gpt5");
    assertThat(Suggest.hint("GPT5", List.of("gpt5"))).isEqualTo(" (did you mean gpt5?)");
  }

  @Test
  void oneEditInFourLetters_isASlip_andTheKnownSpellingIsReturned() {
    // d("gpt4", "gpt5") = 1 <= min(3, max(1, 4/3 = 1)) = 1
    assertThat(Suggest.closest("gpt4", List.of("o3", "GPT5"))).contains("GPT5");
    assertThat(Suggest.hint("gpt4", List.of("o3", "gpt5"))).isEqualTo(" (did you mean gpt5?)");
  }

  @Test
  void twoEditsInFourLetters_areTooMany_butTwoNeighboursSwappedAreOneSlip() {
    // two letters changed: d("gxy5", "gpt5") = 2 > 1
    assertThat(Suggest.closest("gxy5", List.of("gpt5"))).isEmpty();
    // a transposition is two Levenshtein edits but one slip of the fingers (#29: --format jsno)
    assertThat(Suggest.closest("gtp5", List.of("gpt5"))).contains("gpt5");
    assertThat(Suggest.hint("jsno", List.of("table", "json", "csv", "markdown"))).isEqualTo(" (did you mean json?)");
    assertThat(Suggest.swapped("jsno", "json")).isTrue();
    assertThat(Suggest.swapped("json", "json")).isFalse();
    assertThat(Suggest.swapped("jsn", "json")).isFalse();
    assertThat(Suggest.swapped("osjn", "json")).isFalse();
    assertThat(Suggest.swapped("sjon", "json")).isTrue();
    assertThat(Suggest.swapped("jsnoo", "jsonn")).isFalse();
    // two letters: max(1, 2/3 = 0) = 1, and d("ab", "xy") = 2
    assertThat(Suggest.closest("ab", List.of("xy"))).isEmpty();
  }

  @Test
  void theLimit_growsWithTheLongerName_upToThree() {
    // |known| = 9: limit min(3, 9/3) = 3, and d("abcdef", "abcdefghi") = 3
    assertThat(Suggest.closest("abcdef", List.of("abcdefghi"))).contains("abcdefghi");
    // |typed| = 9: the same limit from the typed side
    assertThat(Suggest.closest("abcdefghi", List.of("abcdef"))).contains("abcdef");
    // |known| = 8: limit 8/3 = 2 < d("abcde", "abcdefgh") = 3
    assertThat(Suggest.closest("abcde", List.of("abcdefgh"))).isEmpty();
    // long names: the limit stays 3, so d = 4 is refused though 14/3 = 4
    assertThat(Suggest.closest("clipped-nor", List.of("clipped-normal"))).contains("clipped-normal");
    assertThat(Suggest.closest("clipped-no", List.of("clipped-normal"))).isEmpty();
  }

  @Test
  void theNearestName_wins_andTheFirstListedAmongEquals() {
    assertThat(Suggest.closest("lognormel", List.of("normal", "lognormal", "clipped-normal"))).contains("lognormal");
    // d = 1 to both: the first listed is kept
    assertThat(Suggest.closest("gpt5", List.of("gpt4", "gpt6"))).contains("gpt4");
    assertThat(Suggest.closest("gpt5", List.of("gpt6", "gpt4"))).contains("gpt6");
  }
}
