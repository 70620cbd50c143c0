package io.kstar.parameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kstar.input.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A family's kinds looked up by id or alias, and a kind building its model from checked values:
 * defaults filled in, optional parameters left out, every number (list items included) range-checked
 * under the parameter's name before the model's constructor runs.
 */
class KindRegistryTest {

  private static final Parameter A = Parameter.number("a", "a", "a", "", Range.unitInterval(), "");
  private static final Parameter N = Parameter.number("n", "n", "n", "", Range.integers(1, 9), "").withDefault(2);
  private static final Parameter OPT = Parameter.number("opt", "opt", "opt", "", Range.positive(), "").asOptional();
  private static final Parameter L = new Parameter("l", Shape.NUMBER_LIST, "l", "l", "", Range.atLeast(1, ""), "",
      java.util.OptionalDouble.empty(), false);

  /** The model is the values it was built from. */
  private static final ModelKind<ParameterValues> FIRST = ModelKind.of("first", "", List.of(A, N, OPT), v -> v)
      .withAliases("one", "1st");
  private static final ModelKind<ParameterValues> LISTED = ModelKind.of("listed", "", List.of(L), v -> v);
  private static final KindRegistry<ParameterValues> REGISTRY = KindRegistry.of("thing_model", FIRST, LISTED);

  @Test
  void kinds_answerToTheirIdAndAliases() {
    assertThat(REGISTRY.find("first")).contains(FIRST);
    assertThat(REGISTRY.find("one")).contains(FIRST);
    assertThat(REGISTRY.find("1st")).contains(FIRST);
    assertThat(REGISTRY.find("listed")).contains(LISTED);
    assertThat(REGISTRY.find("second")).isEmpty();
    assertThat(FIRST.answersTo("one")).isTrue();
    assertThat(FIRST.answersTo("listed")).isFalse();
    assertThat(REGISTRY.names()).containsExactly("first", "one", "1st", "listed");
    assertThat(REGISTRY.ids()).containsExactly("first", "listed");
    assertThat(REGISTRY.defaultKind()).isEqualTo(FIRST);
  }

  @Test
  void anUnknownId_isRefused_namingTheFieldAndTheNames() {
    assertThat(REGISTRY.require("one")).isEqualTo(FIRST);
    assertThatThrownBy(() -> REGISTRY.require("lsited"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("thing_model = \"lsited\": must be one of [first, one, 1st, listed] (did you mean listed?)");
    assertThatThrownBy(() -> REGISTRY.require("zzzzzzzzzz"))
        .hasMessage("thing_model = \"zzzzzzzzzz\": must be one of [first, one, 1st, listed]");
  }

  @Test
  void with_addsAKind_keepingTheDefault() {
    ModelKind<ParameterValues> extra = ModelKind.of("extra", "", List.of(), v -> v);
    KindRegistry<ParameterValues> more = REGISTRY.with(extra);
    assertThat(more.ids()).containsExactly("first", "listed", "extra");
    assertThat(more.defaultKind()).isEqualTo(FIRST);
    assertThat(more.field()).isEqualTo("thing_model");
    assertThat(REGISTRY.ids()).containsExactly("first", "listed");
  }

  @Test
  void theDefault_mustBeRegistered() {
    assertThatThrownBy(() -> new KindRegistry<>("f", List.of(LISTED), FIRST)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parameter_byName() {
    assertThat(FIRST.parameter("n")).isEqualTo(N);
    assertThatThrownBy(() -> FIRST.parameter("zz")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("first has no parameter zz");
  }

  @Test
  void create_fillsDefaults_leavesOutOptionals_andKeepsGivenValues() {
    ParameterValues built = FIRST.create(ParameterValues.builder().number("a", 0.5).build());
    assertThat(built).isEqualTo(ParameterValues.builder().number("a", 0.5).number("n", 2).build());
    ParameterValues given = FIRST.create(ParameterValues.builder().number("a", 1).number("n", 9).number("opt", 3).build());
    assertThat(given).isEqualTo(ParameterValues.builder().number("a", 1).number("n", 9).number("opt", 3).build());
  }

  @Test
  void create_refusesAMissingRequiredValue_namingIt() {
    assertThatThrownBy(() -> FIRST.create(ParameterValues.builder().number("n", 3).build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("a: is missing: it is required by the first model");
  }

  @Test
  void create_checksEveryNumber_andEveryListItem() {
    assertThatThrownBy(() -> FIRST.create(ParameterValues.builder().number("a", 1.5).build()))
        .hasMessage("a = 1.5: must be a number in [0, 1]");
    assertThatThrownBy(() -> FIRST.create(ParameterValues.builder().number("a", 0.5).number("n", 10).build()))
        .hasMessage("n = 10: must be an integer in [1, 9]");
    assertThatThrownBy(() -> FIRST.create(ParameterValues.builder().number("a", 0.5).number("opt", 0).build()))
        .hasMessage("opt = 0: must be a positive finite number");
    assertThat(LISTED.create(ParameterValues.builder().list("l", new double[] {1, 5}).build()).list("l"))
        .containsExactly(1, 5);
    assertThatThrownBy(() -> LISTED.create(ParameterValues.builder().list("l", new double[] {3, 0.5}).build()))
        .hasMessage("l = 0.5: must be a finite number >= 1");
  }

  @Test
  void friendlyTags_keepTheirOrderOfValues() {
    ModelKind<ParameterValues> tagged = FIRST.withFriendlyTag("difficulty.distribution", "beta", "Beta");
    assertThat(tagged.friendlyTags()).containsEntry("difficulty.distribution", List.of("beta", "Beta"));
    assertThat(tagged.aliases()).containsExactly("one", "1st");
    assertThat(tagged.parameters()).containsExactly(A, N, OPT);
    assertThat(FIRST.friendlyTags()).isEmpty();
    // withAliases replaces the aliases and keeps the rest (called here, not only in static initialisers)
    ModelKind<ParameterValues> renamed = tagged.withAliases("uno");
    assertThat(renamed.aliases()).containsExactly("uno");
    assertThat(renamed.answersTo("uno")).isTrue();
    assertThat(renamed.answersTo("one")).isFalse();
    assertThat(renamed.friendlyTags()).isEqualTo(tagged.friendlyTags());
  }
}
