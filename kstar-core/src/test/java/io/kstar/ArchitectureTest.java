package io.kstar;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The layers of kstar-core (docs/architecture.md, "Layers inside kstar-core"), held on the compiled main
 * classes. Four packages read and write files or render: {@code io.kstar.catalog} (catalog and scenario
 * files), {@code io.kstar.calibrate} (its three readers: {@code LogRecords}, {@code LogAggregateFile},
 * {@code MeasuredCurve}), {@code io.kstar.calibrate.format} (other tools' files) and {@code io.kstar.report}
 * (the renderings). {@code io.kstar.request}, the declaration of a planning request, reads a body's values
 * from a JSON tree someone else parsed, and nothing else of I/O. Every other package is mathematics: it
 * computes from values it is given and touches no file, parser or renderer, so a new package is held to
 * that until it is named here.
 */
@AnalyzeClasses(packages = "io.kstar", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** The packages that do I/O or rendering; everything else in io.kstar but {@link #REQUEST} is mathematics. */
  static final String[] IO_PACKAGES = {"io.kstar.catalog..", "io.kstar.calibrate", "io.kstar.calibrate.format..",
      "io.kstar.report.."};

  /** The one declaration of a planning request: reads flag text, and JSON values from a parsed tree. */
  static final String REQUEST = "io.kstar.request..";

  /** The classes of io.kstar.calibrate that read or write files; its fitting classes are mathematics. */
  static final DescribedPredicate<JavaClass> CALIBRATE_READERS = resideInAPackage("io.kstar.calibrate")
      .and(simpleName("LogRecords").or(simpleName("LogAggregateFile")).or(simpleName("MeasuredCurve"))
          .or(DescribedPredicate.describe("nested in one of them",
              c -> c.getName().matches("io\\.kstar\\.calibrate\\.(LogRecords|LogAggregateFile|MeasuredCurve)\\$.*"))))
      .as("io.kstar.calibrate's readers (LogRecords, LogAggregateFile, MeasuredCurve)");

  static final DescribedPredicate<JavaClass> MATHEMATICS = resideInAPackage("io.kstar..")
      .and(not(resideInAnyPackage(IO_PACKAGES))).and(not(resideInAPackage(REQUEST)))
      .as("the mathematics (every package of io.kstar but catalog, calibrate, calibrate.format, report and request)");

  static final DescribedPredicate<JavaClass> CALIBRATE_FITS = resideInAPackage("io.kstar.calibrate")
      .and(not(CALIBRATE_READERS))
      .as("io.kstar.calibrate's fits (every class but its three readers)");

  /**
   * What the mathematics must not touch: the I/O and rendering packages, the parsers, and the JDK's
   * files, streams and network ({@code java.io.Serializable} aside, a marker).
   */
  static final DescribedPredicate<JavaClass> IO_OR_RENDERING = resideInAnyPackage("io.kstar.report..",
      "io.kstar.catalog..", "io.kstar.calibrate.format..", "com.fasterxml.jackson..", "org.yaml..", "org.snakeyaml..",
      "java.nio.file..", "java.nio.channels..", "java.net..")
      .or(resideInAPackage("java.io").and(not(type(java.io.Serializable.class))))
      .as("I/O or rendering (io.kstar.report, io.kstar.catalog, io.kstar.calibrate.format, Jackson, YAML,"
          + " java.io, java.nio.file, java.nio.channels, java.net)");

  /** Jackson's tree model: what a parsed JSON document is, as opposed to a parser or a mapper. */
  static final DescribedPredicate<JavaClass> JSON_TREE = type(com.fasterxml.jackson.databind.JsonNode.class)
      .or(resideInAPackage("com.fasterxml.jackson.databind.node"))
      .as("Jackson's JSON tree (JsonNode and com.fasterxml.jackson.databind.node)");

  @ArchTest
  static final ArchRule mathematicsDoesNoIo = noClasses().that(MATHEMATICS)
      .should().dependOnClassesThat(IO_OR_RENDERING)
      .because("the mathematics computes from values it is given: files are read by catalog and calibrate's"
          + " readers, and results are rendered by report (docs/architecture.md)");

  @ArchTest
  static final ArchRule calibrationFitsDoNoIo = noClasses().that(CALIBRATE_FITS)
      .should().dependOnClassesThat(IO_OR_RENDERING)
      .because("a calibration fits from records and aggregates it is given; LogRecords, LogAggregateFile and"
          + " MeasuredCurve are the only classes of io.kstar.calibrate that read files");

  /**
   * io.kstar.request may read a JSON value from a tree ({@code JsonNode} and its node types) but parses
   * nothing (no ObjectMapper, no parser), and touches no file, stream, catalog, format adapter or report.
   */
  @ArchTest
  static final ArchRule requestReadsValuesOnly = noClasses().that(resideInAPackage(REQUEST))
      .should().dependOnClassesThat(IO_OR_RENDERING.and(not(JSON_TREE)))
      .because("a request's values come from flag text or from a JSON tree the service parsed: the request"
          + " declaration reads values and does no I/O");

  @ArchTest
  static final ArchRule planningDoesNotNeedCalibration = noClasses().that(MATHEMATICS.or(resideInAPackage(REQUEST)))
      .and(not(resideInAPackage("io.kstar.calibrate.forecast..")))
      .should().dependOnClassesThat(resideInAPackage("io.kstar.calibrate.."))
      .because("a calibrated profile reaches the planner as a profile (io.kstar.profile.Calibration), so planning"
          + " never calls calibration code");

  @ArchTest
  static final ArchRule renderingIsTheTopOfTheCore = noClasses().that(resideInAPackage("io.kstar..")
          .and(not(resideInAPackage("io.kstar.report.."))))
      .should().dependOnClassesThat(resideInAPackage("io.kstar.report.."))
      .because("nothing in the core computes from a rendering: report reads results, results never read report");

  @ArchTest
  static final ArchRule coreHasNoFrontEndLibrary = noClasses().that(resideInAPackage("io.kstar.."))
      .should().dependOnClassesThat(resideInAnyPackage("picocli..", "io.javalin..", "org.jfree..", "org.duckdb..",
          "org.apache.spark..", "io.micrometer..", "org.openqa.selenium..", "java.awt..", "javax.imageio..",
          "javax.swing.."))
      .because("the command line (picocli), the service (Javalin, Micrometer), the charts (JFreeChart, AWT) and the"
          + " log engines (DuckDB, Spark) are modules above kstar-core, which they all use");

  @ArchTest
  static final ArchRule coreNeverPrints = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS
      .because("stdout and stderr belong to the command line (kstar-cli): the core returns text and throws"
          + " InvalidInputException, it never prints");

  @ArchTest
  static final ArchRule packagesHaveNoCycles = slices().matching("io.kstar.(**)").should().beFreeOfCycles();
}
