package io.kstar.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.accuracy.BetaDifficulty;
import io.kstar.accuracy.MajorityVote;
import io.kstar.accuracy.PassAtK;
import io.kstar.accuracy.PassAtKWithUnsolved;
import io.kstar.accuracy.SelectorBestOfK;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The candidates (LogCalibration's javadoc): each model is checked at k = n, the most common sample count
 * (a tie goes to the larger n), on the questions with n samples: pass@n is the share with a right sample,
 * the vote's the mean of 1/ties when a right answer is on top, the selector's the share whose pick was
 * right; m by maximum likelihood, s as the share of right picks among questions with both right and wrong
 * samples. And the observed pass@k curve: the unbiased estimator averaged over questions, against the fit.
 */
class LogCalibrationCandidatesTest {

  static LogAggregate.Group group() {
    List<LogAggregate.Question> qs = List.of(
        new LogAggregate.Question("q1", 4, 2, 0, 0, 1, 2, 1),
        new LogAggregate.Question("q2", 4, 0, 0, 0, 2, 0, 0),
        new LogAggregate.Question("q3", 6, 6, 0, 0, 0, 1, 1),
        new LogAggregate.Question("q4", 6, 3, 0, 0, 3, 0, 0));
    LogAggregate.Moments m = new LogAggregate.Moments(20, 20, 0, 0, 20, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    return new LogAggregate.Group(Map.of("model", "m"), m, qs);
  }

  @Test
  void eachCandidate_isCheckedAtTheMostCommonN_onItsOwnStrategy() {
    BetaDifficulty d = new BetaDifficulty(1.5, 0.8);
    PassAtKWithUnsolved unsolved = new PassAtKWithUnsolved(new BetaDifficulty(2, 0.5), 0.2);
    List<LogCalibration.Candidate> c = LogCalibration.candidates(group(), d, new PassAtK(d), unsolved, 0, 1);
    assertThat(c).extracting(x -> x.model().id())
        .containsExactly("pass-at-k", "majority-vote", "selector-best-of-k", "pass-at-k-with-unsolved");
    // n = 4 and n = 6 are both held by two questions: the larger, 6 (q3 and q4)
    assertThat(c).allSatisfy(x -> assertThat(x.n()).isEqualTo(6));
    // pass@6: both have a right sample
    assertThat(c.get(0).observed()).isEqualTo(1);
    assertThat(c.get(0).predicted()).isEqualTo(new PassAtK(d).mean(6));
    assertThat(c.get(0).parameters()).containsExactly(Map.entry("alpha", 1.5), Map.entry("beta", 0.8));
    // the vote: q3 wins alone (1/1), q4's top answer is wrong (0)
    assertThat(c.get(1).observed()).isEqualTo(0.5);
    int m = LogCalibrationMathTest.bruteForceM(List.of(new int[] {2, 1}, new int[] {4, 2}, new int[] {0, 0}, new int[] {3, 3}));
    assertThat(c.get(1).model()).isEqualTo(new MajorityVote(d, m));
    assertThat(c.get(1).parameters()).containsEntry("wrong_answers", (double) m);
    // the selector: q3's pick right, q4's wrong; s over the mixed questions of all n: q1 right, q4 wrong
    assertThat(c.get(2).observed()).isEqualTo(0.5);
    assertThat(c.get(2).model()).isEqualTo(new SelectorBestOfK(d, 0.5));
    assertThat(c.get(2).parameters()).containsEntry("selector_accuracy", 0.5);
    assertThat(c.get(3).model()).isEqualTo(unsolved);
    assertThat(c.get(3).parameters()).containsExactly(Map.entry("alpha", 2.0), Map.entry("beta", 0.5),
        Map.entry("unsolved_share", 0.2));
    assertThat(c.get(3).predicted()).isEqualTo(unsolved.mean(6));
    // no bootstrap: the interval is the observation
    assertThat(c).allSatisfy(x -> {
      assertThat(x.lower()).isEqualTo(x.observed());
      assertThat(x.upper()).isEqualTo(x.observed());
    });
  }

  @Test
  void bootstrapIntervals_holdTheObservation_andStayInTheUnitInterval() {
    BetaDifficulty d = new BetaDifficulty(1.5, 0.8);
    List<LogCalibration.Candidate> c = LogCalibration.candidates(group(), d, new PassAtK(d),
        new PassAtKWithUnsolved(d, 0), 400, 1);
    // two questions: a resampled mean of the vote is 0, ½ or 1, each of the two extremes with probability ¼
    assertThat(c.get(1).lower()).isEqualTo(0);
    assertThat(c.get(1).upper()).isEqualTo(1);
    assertThat(c.get(0).lower()).isEqualTo(1);
  }

  @Test
  void withoutAnswersOrPicks_onlyTheTwoPassAtKCandidates() {
    LogAggregate.Group g = group();
    LogAggregate.Moments none = new LogAggregate.Moments(20, 20, 0, 0, 19, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    LogAggregate.Group plain = new LogAggregate.Group(g.key(), none, g.questions());
    BetaDifficulty d = new BetaDifficulty(1, 1);
    assertThat(LogCalibration.candidates(plain, d, new PassAtK(d), new PassAtKWithUnsolved(d, 0), 0, 1))
        .extracting(x -> x.model().id()).containsExactly("pass-at-k", "pass-at-k-with-unsolved");
  }

  @Test
  void theSelectorWithoutMixedQuestions_isSetToOneByConvention() {
    List<LogAggregate.Question> qs = List.of(new LogAggregate.Question("a", 3, 3, 0, 0, 0, 1, 1),
        new LogAggregate.Question("b", 3, 0, 0, 0, 1, 0, 0));
    LogAggregate.Group g = new LogAggregate.Group(Map.of("model", "m"),
        new LogAggregate.Moments(6, 6, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), qs);
    BetaDifficulty d = new BetaDifficulty(1, 1);
    LogCalibration.Candidate sel = LogCalibration.candidates(g, d, new PassAtK(d), new PassAtKWithUnsolved(d, 0), 0, 1).get(1);
    assertThat(sel.model()).isEqualTo(new SelectorBestOfK(d, 1));
    // and its replicates say it is not identified
    int[][] counts = {{3, 3}, {3, 0}};
    BetaBinomial.Patterns p = BetaBinomial.Patterns.of(counts);
    LogCalibration.Replicates r = LogCalibration.correctnessReplicates(qs, p, new double[] {1, 1}, new double[] {1, 1, 0},
        sel.model(), 3, 3, 1);
    assertThat(r.notes()).singleElement().asString().contains("selector_accuracy is not identified");
    assertThat(r.models()).hasSize(3).allSatisfy(x -> assertThat(((SelectorBestOfK) x).selectorAccuracy()).isEqualTo(1));
    assertThat(r.method()).startsWith("bootstrap over 2 questions (3 replicates, seed 1): α, β and s (selector accuracy)");
  }

  @Test
  void theObservedPassAtKCurve_isTheUnbiasedEstimatorAveraged_againstTheFit() {
    int[][] counts = {{5, 1}, {5, 0}, {6, 3}, {5, 1}};
    BetaDifficulty d = new BetaDifficulty(0.9, 1.6);
    List<LogCalibration.PassAtKPoint> curve = LogCalibration.passAtKCurve(counts, d, 0, 1);
    // up to the smallest n, 5
    assertThat(curve).extracting(LogCalibration.PassAtKPoint::k).containsExactly(1, 2, 3, 4, 5);
    for (LogCalibration.PassAtKPoint p : curve) {
      int k = p.k();
      // 1 − C(n − c, k)/C(n, k) per question, by the product formula written out
      double sum = 0;
      for (int[] c : counts) {
        double ratio = 1;
        for (int i = 0; i < k; i++) {
          ratio *= (double) (c[0] - c[1] - i) / (c[0] - i);
        }
        sum += 1 - Math.max(0, ratio);
      }
      assertThat(p.observed()).isCloseTo(sum / counts.length, within(1e-12));
      assertThat(p.lower()).isEqualTo(p.observed());
      assertThat(p.upper()).isEqualTo(p.observed());
      assertThat(p.fitted()).isEqualTo(new PassAtK(d).mean(k));
    }
    // with a bootstrap the interval brackets the observation
    for (LogCalibration.PassAtKPoint p : LogCalibration.passAtKCurve(counts, d, 200, 1)) {
      assertThat(p.lower()).isLessThanOrEqualTo(p.observed());
      assertThat(p.upper()).isGreaterThanOrEqualTo(p.observed());
    }
  }
}
