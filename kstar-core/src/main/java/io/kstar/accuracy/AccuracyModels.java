package io.kstar.accuracy;

import io.kstar.input.InvalidInputException;
import java.util.List;

/** The registry of accuracy models by name, and how each is built from its parameters. */
public final class AccuracyModels {
  private AccuracyModels() {}

  public static final List<String> IDS = List.of(GaussianBestOfK.ID, PassAtK.ID, MajorityVote.ID, SelectorBestOfK.ID);

  /** Parameters as read from a catalog; absent ones are null. */
  public record Parameters(Double accMean, Double accStd, Double alpha, Double beta, Integer wrongAnswers,
      Double selectorAccuracy) {}

  /**
   * Builds a model; a missing parameter is reported with {@code field} naming it in the caller's key
   * vocabulary (the flat format's {@code difficulty_alpha}, …).
   */
  public static AccuracyModel of(String id, Parameters p) {
    return switch (id) {
      case GaussianBestOfK.ID -> new GaussianBestOfK(required("acc_mean", p.accMean()), required("acc_std", p.accStd()));
      case PassAtK.ID -> new PassAtK(difficulty(p));
      case MajorityVote.ID -> new MajorityVote(difficulty(p), p.wrongAnswers() == null ? 1 : p.wrongAnswers());
      case SelectorBestOfK.ID -> new SelectorBestOfK(difficulty(p), required("selector_accuracy", p.selectorAccuracy()));
      default -> throw InvalidInputException.of("accuracy_model", id, "must be one of " + IDS);
    };
  }

  private static BetaDifficulty difficulty(Parameters p) {
    return new BetaDifficulty(required("difficulty_alpha", p.alpha()), required("difficulty_beta", p.beta()));
  }

  private static double required(String field, Double v) {
    if (v == null) {
      throw InvalidInputException.of(field, null, "is required by this accuracy model");
    }
    return v;
  }
}
