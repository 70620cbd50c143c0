package io.kstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kstar.catalog.CatalogReader;
import io.kstar.catalog.ScenarioReader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer in a real browser: Debian's headless Chromium driven by Selenium through Debian's
 * chromedriver (installed by .ci/run; nothing is downloaded at test time). On a machine without
 * them the test is skipped, except under CI (CI=true), where their absence is a failure.
 */
class ExplorerBrowserTest {
  static final File CHROMIUM = new File("/usr/bin/chromium");
  static final File DRIVER = new File("/usr/bin/chromedriver");
  static KstarServer server;
  static WebDriver browser;
  static String base;

  @BeforeAll
  static void start() {
    boolean present = CHROMIUM.canExecute() && DRIVER.canExecute();
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("CI must install chromium and chromium-driver (see .ci/run)");
    }
    Assumptions.assumeTrue(present, "chromium and chromedriver are not installed: apt-get install chromium chromium-driver");
    // the embedded catalog and one calibrated profile, to show the intervals of its expected accuracy
    java.util.List<io.kstar.profile.ModelProfile> models = new java.util.ArrayList<>(CatalogReader.embedded().models());
    models.add(calibrated());
    server = new KstarServer(new io.kstar.profile.Catalog(models), "embedded + calibrated", ScenarioReader.embedded(),
        Limits.defaults());
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1400,1000");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  /** pass@k around Beta(0.6, 0.9) with 60 replicates, calibrated on k <= 8 and held beyond. */
  static io.kstar.profile.ModelProfile calibrated() {
    java.util.Random r = new java.util.Random(3);
    java.util.List<io.kstar.accuracy.AccuracyModel> reps = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      reps.add(new io.kstar.accuracy.PassAtK(new io.kstar.accuracy.BetaDifficulty(0.6 * Math.exp(0.15 * r.nextGaussian()),
          0.9 * Math.exp(0.15 * r.nextGaussian()))));
    }
    return new io.kstar.profile.ModelProfile("calibrated", "calibrated", new io.kstar.profile.Prices(1e-6, 4e-6),
        new io.kstar.profile.Speeds(2e-4, 1e-2), new io.kstar.length.LengthModel.ClippedNormalLength(800, 100),
        new io.kstar.length.LengthModel.ClippedNormalLength(1500, 300),
        new io.kstar.accuracy.PassAtK(new io.kstar.accuracy.BetaDifficulty(0.6, 0.9)), io.kstar.latency.LatencyModel.DEFAULT,
        4, new io.kstar.profile.Calibration("test", 8, reps, io.kstar.profile.Calibration.Beyond.HOLD));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  private static String pickK(String selector) {
    return browser.findElement(By.cssSelector("#pick-" + selector + " td:nth-child(2)")).getText();
  }

  private static long revision() {
    Object r = js("return window.kstar ? window.kstar.revision : 0");
    return r == null ? 0 : ((Number) r).longValue();
  }

  @Test
  void movingASlider_changesThePicksAndThePlot() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get(base + "/?model=gpt5&max_cost=0.5&max_latency=60&min_accuracy=0.88&k_max=128&parallel=4");
    wait.until(d -> revision() >= 1);
    assertThat(pickK("accuracy-max")).isEqualTo("k = 20");
    @SuppressWarnings("unchecked")
    List<Object> boxY = (List<Object>) js("return document.getElementById('plot3d').data[2].y");
    assertThat(boxY.stream().filter(v -> v != null).mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(0)).isEqualTo(60.0);

    // the user drags the latency slider down to 30 s with the keyboard
    long before = revision();
    WebElement slider = browser.findElement(By.id("max_latency"));
    for (int i = 0; i < 30; i++) {
      slider.sendKeys(Keys.ARROW_LEFT);
    }
    wait.until(d -> revision() > before && "30".equals(browser.findElement(By.id("max_latency-out")).getText())
        && pickK("accuracy-max").equals("k = 8"));
    wait.until(d -> {
      @SuppressWarnings("unchecked")
      List<Object> y = (List<Object>) js("return document.getElementById('plot3d').data[2].y");
      return y.stream().filter(v -> v != null).mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(0) == 30.0;
    });
    assertThat(browser.getCurrentUrl()).contains("max_latency=30");
    // only k = 4 and 8 remain feasible: two Pareto points, so no knee, and the page says why
    assertThat(pickK("knee")).isEqualTo("-");
    assertThat(browser.findElement(By.cssSelector("#pick-knee td:last-child")).getText()).contains("fewer than three Pareto points");

    // the view with accuracy and cost against k
    browser.findElement(By.cssSelector("#views button[data-view=curves]")).click();
    wait.until(d -> (Boolean) js("var p = document.getElementById('plotAcc'); return !!(p.data && p.data.length > 1);"));
    assertThat(browser.getCurrentUrl()).contains("view=curves");
    browser.findElement(By.cssSelector("#views button[data-view=space]")).click();
    wait.until(d -> browser.getCurrentUrl().contains("view=space"));
    Thread.sleep(1000);

    Path shot = Path.of("target", "explorer.png");
    Files.createDirectories(shot.getParent());
    File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(f.toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(shot)).isGreaterThan(10_000);
  }

  @Test
  void theUrlCarriesTheState_soAViewCanBeShared() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get(base + "/?model=qwen3-max&max_cost=0.1&max_latency=15&min_accuracy=0.9&k_max=128&parallel=4");
    wait.until(d -> revision() >= 1);
    assertThat(browser.findElement(By.id("model")).getAttribute("value")).isEqualTo("qwen3-max");
    assertThat(pickK("accuracy-max")).isEqualTo("-");
    assertThat(browser.findElement(By.id("feasible-range")).getText()).contains("max_latency_s >= 17.2032");
  }

  @Test
  void aCalibratedProfile_showsItsIntervals_andHowSureEachPickIs() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get(base + "/?model=calibrated&max_cost=1&max_latency=300&min_accuracy=0.7&k_max=32&parallel=4&view=curves");
    wait.until(d -> revision() >= 1);
    String interval = browser.findElement(By.cssSelector("#pick-accuracy-max td:nth-child(6)")).getText();
    assertThat(interval).matches("0\\.\\d{4} \\[0\\.\\d{4}, 0\\.\\d{4}\\].*");
    String meets = browser.findElement(By.cssSelector("#pick-accuracy-max td:nth-child(7)")).getText();
    assertThat(Double.parseDouble(meets)).isBetween(0.0, 1.0);
    wait.until(d -> (Boolean) js("var p = document.getElementById('plotAcc'); return !!(p.data && p.data.some("
        + "function (t) { return t.name === '90% interval of the expected accuracy'; }));"));
  }
}
