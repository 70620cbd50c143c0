package io.kstar.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.ScenarioReader;
import io.kstar.estimate.ExactEstimator;
import io.kstar.select.AccuracyMax;
import io.kstar.select.Knee;
import io.kstar.space.OperatingPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StudyTest {

  private final StudyResult result =
      Study.run(CatalogReader.embedded(), ScenarioReader.embedded(), StudyOptions.defaults(new ExactEstimator()));

  @Test
  void embeddedDefaults_areThePapersNineModelsAndThreeScenarios() {
    assertThat(CatalogReader.embedded().models()).hasSize(9);
    assertThat(CatalogReader.embedded().require("m", "gpt5").cOut()).isEqualTo(0.00001);
    assertThat(ScenarioReader.embedded()).extracting(s -> s.name())
        .containsExactly("balanced", "latency-critical", "accuracy-critical");
    assertThat(result.scenarios().get(2).kMax()).isEqualTo(256);
    assertThat(result.scenarios().get(0).kMax()).isEqualTo(128);
  }

  @Test
  void headline_kneeVsAccuracyMax_isTheMedianOverPairsWithBothPicks() {
    List<Double> cost = new ArrayList<>();
    List<Double> acc = new ArrayList<>();
    for (ScenarioResult s : result.scenarios()) {
      for (ModelResult m : s.models()) {
        Optional<OperatingPoint> a = m.plan().selection(AccuracyMax.ID).point();
        Optional<OperatingPoint> k = m.plan().selection(Knee.ID).point();
        if (a.isPresent() && k.isPresent()) {
          cost.add(1 - k.get().costUsd() / a.get().costUsd());
          acc.add(100 * (a.get().accuracy() - k.get().accuracy()));
        }
      }
    }
    Headline.KneeVsAccuracyMax h = result.headline().kneeVsAccuracyMax();
    assertThat(h.pairs()).isEqualTo(cost.size()).isPositive();
    assertThat(h.medianCostSaved()).isCloseTo(sortedMedian(cost), within(1e-15));
    assertThat(h.medianAccuracyPointsGivenUp()).isCloseTo(sortedMedian(acc), within(1e-12));
  }

  @Test
  void headline_match_isReallyTheCheapestPointReachingTheReference() {
    for (Headline.Match m : result.headline().matches()) {
      assertThat(m.referenceModel()).isEqualTo("gpt5"); // the highest expected cost per sample
      OperatingPoint ref = m.reference().orElseThrow();
      OperatingPoint best = m.cheapest().orElseThrow();
      assertThat(best.accuracy()).isGreaterThanOrEqualTo(ref.accuracy() - 1e-6);
      ScenarioResult s = result.scenarios().stream().filter(x -> x.scenario().name().equals(m.scenario())).findFirst().orElseThrow();
      for (ModelResult mr : s.models()) {
        for (OperatingPoint p : mr.plan().space().feasible()) {
          if (p.accuracy() >= ref.accuracy() - 1e-6) {
            assertThat(p.costUsd()).isGreaterThanOrEqualTo(best.costUsd());
          }
        }
      }
      assertThat(m.costRatio()).isCloseTo(best.costUsd() / ref.costUsd(), within(1e-15));
    }
  }

  @Test
  void median_ofAnEvenCount_isTheMeanOfTheMiddleTwo() {
    assertThat(Study.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(Study.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
    assertThat(Study.median(List.of())).isNaN();
  }

  private static double sortedMedian(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
