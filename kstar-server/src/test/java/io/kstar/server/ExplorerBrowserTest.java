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
import org.openqa.selenium.Dimension;
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
    models.add(served());
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

  /**
   * A model with a server's load curve (docs/serving.md): 800 + 1500 tokens a sample at 10 ms a token on a
   * replica that serves 10 requests/s of 1000 + 100 tokens (11 000 tokens/s), queueing-shaped, $3.78 an hour.
   */
  static io.kstar.profile.ModelProfile served() {
    var curve = new io.kstar.serving.LoadCurve(1000, 100, 10, java.util.List.of(
        new io.kstar.serving.LoadPoint(1, 0.045, 0.0086), new io.kstar.serving.LoadPoint(4, 0.057, 0.012),
        new io.kstar.serving.LoadPoint(8, 0.12, 0.03)), io.kstar.serving.LoadFit.QUEUEING,
        java.util.OptionalDouble.of(3.78), "test");
    return io.kstar.profile.ModelProfile.builder("served").name("served").prices(0, 0).speeds(2e-4, 1e-2)
        .inputTokens(800, 100).outputTokens(1500, 300)
        .accuracy(new io.kstar.accuracy.PassAtK(new io.kstar.accuracy.BetaDifficulty(0.6, 0.9))).parallel(4)
        .serving(curve).build();
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

  /**
   * #28: behind --token-file the explorer asks for the token (it sent none and showed an empty model list), keeps it
   * in the tab's session storage, sends it on every call, and never puts it in the URL or a copied command.
   */
  @Test
  void behindAToken_theExplorerAsksForIt_andWorksWithIt() throws Exception {
    String token = "explorer-token-0123456789";
    KstarServer locked = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(),
        Limits.defaults(), new Access(java.util.Optional.of(token), java.util.List.of(), java.util.List.of(), false));
    String lockedBase = "http://127.0.0.1:" + locked.start("127.0.0.1", 0);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      browser.get(lockedBase + "/?model=gpt5-mini");
      wait.until(d -> d.findElement(By.id("auth")).isDisplayed());
      assertThat(browser.findElement(By.id("auth-why")).getText()).contains("needs an access token");
      browser.findElement(By.id("token")).sendKeys("wrong-token-0000000000");
      browser.findElement(By.id("token-use")).click();
      wait.until(d -> d.findElement(By.id("auth")).isDisplayed()
          && d.findElement(By.id("auth-why")).getText().contains("not accepted"));
      browser.findElement(By.id("token")).sendKeys(token);
      browser.findElement(By.id("token-use")).click();
      wait.until(d -> !d.findElements(By.cssSelector("#model option")).isEmpty()
          && !d.findElements(By.cssSelector("#picks tbody tr")).isEmpty());
      assertThat(browser.findElement(By.id("auth")).isDisplayed()).isFalse();
      assertThat(browser.getCurrentUrl()).doesNotContain(token).contains("model=gpt5-mini");
      assertThat((String) js("return window.kstar.curl()")).contains("Bearer $KSTAR_TOKEN").doesNotContain(token);
      assertThat((String) js("return sessionStorage.getItem('kstar-token')")).isEqualTo(token);
      browser.findElement(By.id("token-forget")).click();
      wait.until(d -> d.findElement(By.id("auth")).isDisplayed());
      assertThat(js("return sessionStorage.getItem('kstar-token')")).isNull();
    } finally {
      locked.close();
    }
  }

  @Test
  void movingASlider_changesThePicksAndThePlot() throws Exception {
    WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
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
    WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    browser.get(base + "/?model=qwen3-max&max_cost=0.1&max_latency=15&min_accuracy=0.9&k_max=128&parallel=4");
    wait.until(d -> revision() >= 1);
    assertThat(browser.findElement(By.id("model")).getAttribute("value")).isEqualTo("qwen3-max");
    assertThat(pickK("accuracy-max")).isEqualTo("-");
    assertThat(browser.findElement(By.id("feasible-range")).getText()).contains("max_latency_s >= 17.2032");
  }

  @Test
  void aCalibratedProfile_showsItsIntervals_andHowSureEachPickIs() {
    WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    browser.get(base + "/?model=calibrated&max_cost=1&max_latency=300&min_accuracy=0.7&k_max=32&parallel=4&view=curves");
    wait.until(d -> revision() >= 1);
    String interval = browser.findElement(By.cssSelector("#pick-accuracy-max td:nth-child(6)")).getText();
    assertThat(interval).matches("0\\.\\d{4} \\[0\\.\\d{4}, 0\\.\\d{4}\\].*");
    String meets = browser.findElement(By.cssSelector("#pick-accuracy-max td:nth-child(7)")).getText();
    assertThat(Double.parseDouble(meets)).isBetween(0.0, 1.0);
    wait.until(d -> (Boolean) js("var p = document.getElementById('plotAcc'); return !!(p.data && p.data.some("
        + "function (t) { return t.name === '90% interval of the expected accuracy'; }));"));
  }

  private static void screenshot(String name) throws Exception {
    Path shot = Path.of("target", name);
    Files.createDirectories(shot.getParent());
    File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(f.toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  @Test
  void everySelectorAndColumnIsExplained_andThePlanCanBeTakenAway() {
    WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    browser.get(base + "/?model=gpt5&max_cost=0.5&max_latency=60&min_accuracy=0.88&k_max=128&parallel=4");
    wait.until(d -> revision() >= 1);
    // every column header carries a tooltip
    for (WebElement th : browser.findElements(By.cssSelector("#picks thead th"))) {
      assertThat(th.getAttribute("title")).as(th.getText()).isNotBlank();
    }
    // the collapsible help says what each selector does
    WebElement help = browser.findElement(By.id("help"));
    help.findElement(By.tagName("summary")).click();
    wait.until(d -> help.findElement(By.id("help-cube")).isDisplayed());
    assertThat(help.findElement(By.id("help-accuracy-max")).getText()).contains("smallest feasible k").contains("1e-6");
    // the selectors' entries are the registry's (GET /v1/selectors), min-cost among them
    assertThat(help.findElement(By.id("help-cube")).getText()).contains("(1 − C/C_max)·(1 − T/T_max)·A");
    assertThat(help.findElement(By.id("help-utopia")).getText()).contains("(0, 0, 1)").contains("(C/C_max, T/T_max, A)");
    assertThat(help.findElement(By.id("help-knee")).getText()).contains("curvature").contains("front");
    assertThat(help.findElement(By.id("help-min-cost")).getText()).contains("cheapest feasible point");
    assertThat(browser.findElements(By.cssSelector("#picks tbody tr[id^=pick-]"))).extracting(e -> e.getAttribute("id"))
        .startsWith("pick-accuracy-max", "pick-cube", "pick-utopia", "pick-knee", "pick-min-cost");
    assertThat(help.getText()).contains("baseline-1d").contains("baseline-2d").contains("cost of pass").contains("P(meets budgets)");
    // and so does each row's name
    assertThat(browser.findElement(By.cssSelector("#pick-cube td:first-child")).getAttribute("title")).contains("(1 − C/C_max)");
    // P(breach) for the three budgets and the cost of pass
    for (int col = 8; col <= 10; col++) {
      String p = text("#pick-accuracy-max td:nth-child(" + col + ")");
      assertThat(p).matches("(<0\\.001|>0\\.999|[01]\\.\\d{3})");
    }
    assertThat(Double.parseDouble(text("#pick-accuracy-max td:nth-child(11)"))).isGreaterThan(0.435);
    // copy as CLI / curl show the command (the clipboard may be out of reach in a headless browser)
    browser.findElement(By.id("copy-cli")).click();
    wait.until(d -> text("#export-out").startsWith("./kstar plan"));
    assertThat(text("#export-out")).isEqualTo(
        "./kstar plan --model gpt5 --max-cost 0.5 --max-latency 60 --min-accuracy 0.88 --k-max 128 --parallel 4");
    browser.findElement(By.id("copy-curl")).click();
    wait.until(d -> text("#export-out").startsWith("curl "));
    assertThat(text("#export-out")).contains(base + "/v1/plan").contains("\"max_cost_usd\":0.5");
    String csv = (String) js("return window.kstar.csv()");
    assertThat(csv.lines().findFirst().orElse("")).startsWith("pick,k,parallel,cost_usd");
    // a header, one row per selector of the registry and the two baselines
    assertThat(csv.lines().count()).isEqualTo(1 + io.kstar.select.Selectors.REGISTRY.all().size() + 2);
  }

  @Test
  void aRequestThatFails_marksTheResultsStale_andSaysWhichFieldAndWhy() throws Exception {
    WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    browser.get(base + "/?model=gpt5&max_cost=0.5&max_latency=60&min_accuracy=0.88&k_max=128&parallel=4");
    wait.until(d -> revision() >= 1);
    long good = revision();
    assertThat(browser.findElement(By.id("error-banner")).isDisplayed()).isFalse();
    // a confidence of 1.5 is typed: the API answers 400 for the field confidence
    WebElement confidence = browser.findElement(By.id("confidence"));
    confidence.sendKeys("1.5", Keys.TAB);
    wait.until(d -> browser.findElement(By.id("error-banner")).isDisplayed());
    String banner = text("#error-banner");
    assertThat(banner).contains("400").contains("confidence").contains("strictly between 0 and 1").contains("out of date");
    assertThat(browser.findElement(By.id("result-body")).getAttribute("class")).contains("stale");
    assertThat(confidence.getAttribute("class")).contains("invalid");
    assertThat(revision()).isEqualTo(good);
    screenshot("explorer-error.png");
    // a valid value brings the page back
    confidence.clear();
    confidence.sendKeys("0.9", Keys.TAB);
    wait.until(d -> revision() > good && !browser.findElement(By.id("error-banner")).isDisplayed());
    assertThat(browser.findElement(By.id("result-body")).getAttribute("class")).doesNotContain("stale");
    assertThat(browser.getCurrentUrl()).contains("confidence=0.9");
  }

  /**
   * The banner for the service's refusals: a 422 (work predicted past the time limit) names the field,
   * marks its control and is not retried; a 503 for busy slots (the one heavy slot held by a latch in
   * the server's hook) says the page retries after Retry-After, and the page recovers by itself once
   * the slot frees up.
   */
  @Test
  void refusedAndBusyRequests_showTheBanner_andABusyServerIsRetried() throws Exception {
    Limits d = Limits.defaults();
    Limits tight = new Limits(d.maxBodyBytes(), d.maxKMax(), d.maxTrials(), d.maxSamples(), d.maxParallelValues(), 2_000, 1,
        300);
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (KstarServer small = new KstarServer(CatalogReader.embedded(), "embedded", ScenarioReader.embedded(), tight)) {
      String url = "http://127.0.0.1:" + small.start("127.0.0.1", 0);
      WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
      String view = url + "/?model=gpt5&max_cost=0.5&max_latency=60&min_accuracy=0.88&parallel=4&estimator=monte-carlo";

      // 422: 200 000 trials to k = 512 are predicted to take longer than the 2 s time limit
      browser.get(view + "&k_max=512&trials=200000");
      wait.until(x -> browser.findElement(By.id("error-banner")).isDisplayed());
      String banner = text("#error-banner");
      assertThat(banner).contains("422").contains("trials").contains("time limit").contains("fewer trials")
          .doesNotContain("Retrying");
      assertThat(browser.findElement(By.id("trials")).getAttribute("class")).contains("invalid");
      screenshot("explorer-422.png");

      // 503: the one heavy slot is held, so the page's Monte Carlo plan finds every slot busy
      small.beforeWork(lane -> {
        if (lane.equals("heavy")) {
          held.countDown();
          try {
            release.await(60, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
      var holder = java.net.http.HttpClient.newHttpClient().sendAsync(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(url + "/v1/curve")).header("Content-Type", "application/json").POST(
              java.net.http.HttpRequest.BodyPublishers.ofString("{\"model\": \"gpt5\", \"estimator\": \"monte-carlo\","
                  + " \"trials\": 100, \"k_max\": 8}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(held.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      browser.get(view + "&k_max=128&trials=100");
      wait.until(x -> browser.findElement(By.id("error-banner")).isDisplayed());
      banner = text("#error-banner");
      assertThat(banner).contains("503").contains("busy").contains("Retrying in 1 s");
      assertThat(revision()).isZero();
      screenshot("explorer-503.png");

      // the slot frees up: the page's own retry brings the plan
      release.countDown();
      wait.until(x -> revision() >= 1 && !browser.findElement(By.id("error-banner")).isDisplayed());
      assertThat(pickK("accuracy-max")).startsWith("k = ");
      assertThat(holder.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    } finally {
      release.countDown();
    }
  }

  @Test
  void aSharedUrlWithOddValues_endsInAVisibleState_andSaysWhatWasChanged() {
    WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    browser.get(base + "/?model=gpt5&estimator=x%22y&max_cost=9&k_max=129&cost_quantile=1.5&view=%3Cb%3E");
    wait.until(d -> revision() >= 1);
    assertThat(text("#status")).doesNotContain("loading");
    String notes = text("#url-notes");
    assertThat(notes).contains("estimator=\"x\\\"y\"").contains("using exact")
        .contains("max_cost=9 is above the maximum 3: using 3")
        .contains("k_max=129 is between the steps of 4: using 128")
        .contains("cost_quantile=1.5").contains("using 0.99")
        .contains("view=");
    assertThat(browser.findElement(By.cssSelector("input[name=estimator][value=exact]")).isSelected()).isTrue();
    assertThat(browser.findElement(By.id("max_cost-out")).getText()).isEqualTo("3");
    assertThat(pickK("accuracy-max")).startsWith("k = ");
    assertThat(browser.getCurrentUrl()).contains("estimator=exact").contains("max_cost=3");
  }

  /**
   * The request-shape controls: samples per call and the prompt cache travel in the URL, in the request and
   * in "copy as CLI"; twenty samples per call bill gpt5's prompt once per call, so the plan's cost falls.
   */
  @Test
  void samplesPerCallAndThePromptCache_areKeptInTheUrlAndTheCommand_andLowerTheCost() {
    WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    browser.get(base + "/?model=gpt5&max_cost=0.5&max_latency=60&min_accuracy=0.88&k_max=128&parallel=4");
    wait.until(d -> revision() >= 1);
    double single = ((Number) js("return window.kstar.lastPlan.picks['accuracy-max'].cost_usd.mean")).doubleValue();
    long before = revision();
    browser.get(base + "/?model=gpt5&max_cost=0.5&max_latency=60&min_accuracy=0.88&k_max=128&parallel=4"
        + "&samples_per_request=4&prompt_cache=true&c_in_cached=1.25e-7");
    wait.until(d -> revision() >= 1);
    assertThat(browser.findElement(By.id("samples_per_request")).getAttribute("value")).isEqualTo("4");
    assertThat(browser.findElement(By.id("prompt_cache")).getAttribute("value")).isEqualTo("true");
    assertThat(browser.getCurrentUrl()).contains("samples_per_request=4").contains("prompt_cache=true")
        .contains("c_in_cached=1.25e-7");
    double shared = ((Number) js("return window.kstar.lastPlan.picks['accuracy-max'].cost_usd.mean")).doubleValue();
    assertThat(shared).isLessThan(single);
    assertThat((String) js("return window.kstar.cli()")).contains("--samples-per-request 4 --prompt-cache --c-in-cached 1.25e-7");
    assertThat(((Number) js("return window.kstar.lastPlan.picks['accuracy-max'].calls.mean")).doubleValue()).isGreaterThan(0);
  }

  /**
   * The traffic control: at 1 request/s a served model's larger k saturate one replica, so accuracy-max takes a
   * smaller k than alone; replicas auto serves it on more replicas; the picks show replicas and utilisation, and
   * the URL and "copy as CLI" keep both.
   */
  @Test
  void theTrafficControl_planesUnderLoad_andShowsReplicasPerPick() {
    WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    String q = base + "/?model=served&max_cost=1&max_latency=120&min_accuracy=0.5&k_max=32&parallel=4";
    browser.get(q);
    wait.until(d -> revision() >= 1);
    int alone = ((Number) js("return window.kstar.lastPlan.picks['accuracy-max'].k")).intValue();
    assertThat(browser.findElement(By.cssSelector("#pick-accuracy-max td:nth-child(12)")).getText()).isEmpty();
    browser.get(q + "&traffic=1");
    wait.until(d -> revision() >= 1);
    assertThat(browser.findElement(By.id("traffic")).getAttribute("value")).isEqualTo("1");
    int loaded = ((Number) js("return window.kstar.lastPlan.picks['accuracy-max'].k")).intValue();
    assertThat(loaded).isLessThan(alone);
    assertThat(browser.findElement(By.cssSelector("#pick-accuracy-max td:nth-child(12)")).getText()).matches("1 \\(util 0\\.\\d\\d( \\*)?\\)");
    browser.get(q + "&traffic=1&replicas=auto");
    wait.until(d -> revision() >= 1);
    assertThat(browser.findElement(By.id("replicas")).getAttribute("value")).isEqualTo("auto");
    assertThat(((Number) js("return window.kstar.lastPlan.picks['accuracy-max'].k")).intValue()).isGreaterThan(loaded);
    assertThat(((Number) js("return window.kstar.lastPlan.picks['accuracy-max'].replicas")).intValue()).isGreaterThan(1);
    assertThat(browser.getCurrentUrl()).contains("traffic=1").contains("replicas=auto");
    assertThat((String) js("return window.kstar.cli()")).contains("--traffic 1 --replicas auto");
    // a bad rate in the URL is said and left off
    browser.get(q + "&traffic=-2");
    wait.until(d -> revision() >= 1);
    assertThat(browser.findElement(By.id("traffic")).getAttribute("value")).isEmpty();
    assertThat(browser.findElement(By.id("url-notes")).getText()).contains("traffic=\"-2\"");
  }

  /** The stopping policy control: until-pass on the pass@k profile draws fewer samples than the cap, and a
   * policy that does not apply (until-pass on the paper's gpt5) marks the control with the server's reason. */
  @Test
  void aStoppingPolicy_showsTheSamplesDrawn_andARefusedOneSaysWhy() {
    WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    browser.get(base + "/?model=calibrated&max_cost=1&max_latency=300&min_accuracy=0.7&k_max=32&parallel=4&policy=until-pass");
    wait.until(d -> revision() >= 1);
    assertThat(browser.findElement(By.id("policy")).getAttribute("value")).isEqualTo("until-pass");
    assertThat(browser.findElement(By.id("margin")).isDisplayed()).isFalse();
    String k = browser.findElement(By.cssSelector("#pick-accuracy-max td:nth-child(2)")).getText();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("k = (\\d+) \\(([0-9.]+) drawn\\)").matcher(k);
    assertThat(m.matches()).as(k).isTrue();
    assertThat(Double.parseDouble(m.group(2))).isLessThan(Integer.parseInt(m.group(1)));
    long before = revision();
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("model"))).selectByValue("gpt5");
    wait.until(d -> (Boolean) js("return window.kstar.lastError !== null && window.kstar.errors > 0;"));
    assertThat(browser.findElement(By.id("error-banner")).getText()).contains("until-pass").contains("gaussian-best-of-k");
    assertThat(browser.findElement(By.id("policy")).getAttribute("class")).contains("invalid");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("policy"))).selectByValue("until-score");
    wait.until(d -> revision() > before);
    assertThat(browser.getCurrentUrl()).contains("policy=until-score").contains("score_threshold=0.9");
    assertThat(browser.findElement(By.id("score_threshold")).isDisplayed()).isTrue();
  }

  @Test
  void aScenarioSetsTheBudgets_andTheUrlKeepsIt() {
    WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    browser.get(base + "/?model=gpt5&scenario=accuracy-critical");
    wait.until(d -> revision() >= 1);
    assertThat(browser.findElement(By.id("max_cost-out")).getText()).isEqualTo("1");
    assertThat(browser.findElement(By.id("max_latency-out")).getText()).isEqualTo("300");
    assertThat(browser.findElement(By.id("min_accuracy-out")).getText()).isEqualTo("0.97");
    assertThat(browser.findElement(By.id("k_max-out")).getText()).isEqualTo("256");
    assertThat(browser.getCurrentUrl()).contains("scenario=accuracy-critical");
    assertThat(browser.findElement(By.id("url-notes")).isDisplayed()).isFalse();
  }

  @Test
  void theUsersRotationOfThe3dPlot_survivesAnUpdate() {
    WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    browser.get(base + "/?model=gpt5&max_cost=0.5&max_latency=60&min_accuracy=0.88&k_max=128&parallel=4&view=space");
    wait.until(d -> revision() >= 1);
    // the default camera does not look down the cost-latency diagonal (where the k trajectory is a vertical stick)
    Number ex = (Number) js("return document.getElementById('plot3d')._fullLayout.scene.camera.eye.x");
    Number ey = (Number) js("return document.getElementById('plot3d')._fullLayout.scene.camera.eye.y");
    assertThat(Math.signum(ex.doubleValue())).isNotEqualTo(Math.signum(ey.doubleValue()));
    js("Plotly.relayout('plot3d', {'scene.camera.eye': {x: 0.3, y: 2.1, z: 0.4}})");
    long before = revision();
    browser.findElement(By.id("max_latency")).sendKeys(Keys.ARROW_LEFT);
    wait.until(d -> revision() > before);
    Number y = (Number) js("return document.getElementById('plot3d')._fullLayout.scene.camera.eye.y");
    assertThat(y.doubleValue()).isCloseTo(2.1, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void aNarrowWindow_givesThePlotsTheFullWidth() throws Exception {
    WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    Dimension old = browser.manage().window().getSize();
    try {
      browser.manage().window().setSize(new Dimension(420, 1000));
      browser.get(base + "/?model=gpt5&max_cost=0.5&max_latency=60&min_accuracy=0.88&k_max=128&parallel=4&view=space");
      wait.until(d -> revision() >= 1);
      long inner = (Long) js("return window.innerWidth");
      assertThat(inner).isLessThanOrEqualTo(420);
      assertThat(((Number) js("return document.getElementById('plot3d').getBoundingClientRect().width")).doubleValue())
          .isGreaterThanOrEqualTo(350);
      // the page itself does not scroll sideways (the wide table scrolls inside its own box)
      assertThat(((Number) js("return document.documentElement.scrollWidth")).longValue()).isLessThanOrEqualTo(inner);
      browser.findElement(By.cssSelector("#views button[data-view=curves]")).click();
      wait.until(d -> (Boolean) js("var p = document.getElementById('plotAcc'); return !!(p.data && p.data.length > 1);"));
      assertThat(((Number) js("return document.getElementById('plotAcc').getBoundingClientRect().width")).doubleValue())
          .isGreaterThanOrEqualTo(350);
      screenshot("explorer-narrow.png");
    } finally {
      browser.manage().window().setSize(old);
    }
  }

  /**
   * #28: the 2-D view shows latency against k with the latency budget, so a latency-bound change is visible there
   * (it showed accuracy and cost only); picks on one point are drawn apart (concentric, every colour a ring, the
   * hover naming all); a copied command disappears once the settings change; the policy menu says up front which
   * policies the model takes.
   */
  @Test
  void theCurvesShowLatency_picksOnOnePointAreDrawnApart_andAStaleCommandGoes() {
    WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    browser.get(base + "/?model=gpt5&max_cost=0.5&max_latency=60&min_accuracy=0.88&k_max=128&parallel=4&view=curves");
    wait.until(d -> revision() >= 1 && (Boolean) js("var p = document.getElementById('plotLat'); return !!(p.data && p.data.length > 1);"));
    assertThat(((Number) js("return document.getElementById('plotLat').layout.shapes.filter(function (s) {"
        + " return s.type === 'line'; })[0].y0")).doubleValue()).isEqualTo(60.0);
    // cube, utopia and min-cost all pick k = 4 here: three markers of three sizes, each hover naming all three
    @SuppressWarnings("unchecked")
    List<Object> sizes = (List<Object>) js("var d = document.getElementById('plotLat').data; return d.filter(function (t) {"
        + " return /^(cube|utopia|min-cost) /.test(t.name); }).map(function (t) { return t.marker.size; });");
    assertThat(sizes).hasSize(3).doesNotHaveDuplicates();
    assertThat((String) js("var d = document.getElementById('plotLat').data; return d.filter(function (t) {"
        + " return /^utopia /.test(t.name); })[0].hovertemplate;")).contains("cube").contains("utopia").contains("min-cost");

    // the latency budget moves: its line in the 2-D view moves with it
    long before = revision();
    WebElement slider = browser.findElement(By.id("max_latency"));
    for (int i = 0; i < 30; i++) {
      slider.sendKeys(Keys.ARROW_LEFT);
    }
    wait.until(d -> revision() > before && "30".equals(browser.findElement(By.id("max_latency-out")).getText()));
    wait.until(d -> ((Number) js("return document.getElementById('plotLat').layout.shapes.filter(function (s) {"
        + " return s.type === 'line'; })[0].y0")).doubleValue() == 30.0);

    // a copied command is shown, then goes when a setting changes (it described the old settings)
    browser.findElement(By.id("copy-cli")).click();
    wait.until(d -> browser.findElement(By.id("export-out")).isDisplayed());
    assertThat(text("#export-out")).contains("--max-latency 30");
    long again = revision();
    browser.findElement(By.id("max_latency")).sendKeys(Keys.ARROW_LEFT);
    wait.until(d -> revision() > again);
    assertThat(browser.findElement(By.id("export-out")).isDisplayed()).isFalse();

    // the policy menu: the paper's gpt5 (gaussian-best-of-k) does not take until-pass, and the menu says so
    String untilPass = browser.findElement(By.cssSelector("#policy option[value=until-pass]")).getText();
    assertThat(untilPass).contains("not for gaussian-best-of-k");
    assertThat(browser.findElement(By.cssSelector("#policy option[value=fixed]")).getText()).doesNotContain("not for");
    assertThat(text("#policy-note")).contains("gaussian-best-of-k").contains("not").contains("until-pass");
  }

  /**
   * #28: the page at 1 400 and at 400 px, screenshots of both in target/. At 400 px the settings beyond the budgets
   * fold away, so the results start near the top (they started ~900 px down), and the compare plot's legend sits
   * under its axis title instead of over it.
   */
  @Test
  void atWideAndNarrowWidths_theResultsAreInReach_andTheCompareLegendClearsTheAxis() throws Exception {
    WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    Dimension old = browser.manage().window().getSize();
    try {
      browser.manage().window().setSize(new Dimension(1400, 1000));
      browser.get(base + "/?model=gpt5&max_cost=0.5&max_latency=60&min_accuracy=0.88&k_max=128&parallel=4&view=compare");
      wait.until(d -> revision() >= 1 && (Boolean) js("var p = document.getElementById('plotCompare'); return !!(p.data && p.data.length > 1);"));
      assertThat(browser.findElement(By.id("more-settings")).getAttribute("open")).isNotNull();
      // cube and utopia pick the same model and k here: two sizes, so both show
      @SuppressWarnings("unchecked")
      List<Object> sizes = (List<Object>) js("var d = document.getElementById('plotCompare').data; return d.filter("
          + "function (t) { return /^(cube|utopia): /.test(t.name); }).map(function (t) { return t.marker.size; });");
      assertThat(sizes).hasSize(2).doesNotHaveDuplicates();
      screenshot("explorer-1400.png");

      browser.manage().window().setSize(new Dimension(400, 900));
      browser.get(base + "/?model=gpt5&max_cost=0.5&max_latency=60&min_accuracy=0.88&k_max=128&parallel=4&view=compare");
      wait.until(d -> revision() >= 1 && (Boolean) js("var p = document.getElementById('plotCompare'); return !!(p.data && p.data.length > 1);"));
      assertThat(browser.findElement(By.id("more-settings")).getAttribute("open")).isNull();
      double top = ((Number) js("return document.getElementById('results').getBoundingClientRect().top + window.scrollY")).doubleValue();
      assertThat(top).as("where the results start, px").isLessThan(650);
      assertThat(((Number) js("return document.documentElement.scrollWidth")).longValue())
          .isLessThanOrEqualTo((Long) js("return window.innerWidth"));
      double titleBottom = ((Number) js("return document.querySelector('#plotCompare .xtitle').getBoundingClientRect().bottom")).doubleValue();
      double legendTop = ((Number) js("return document.querySelector('#plotCompare .legend').getBoundingClientRect().top")).doubleValue();
      assertThat(legendTop).as("the legend's top against the axis title's bottom").isGreaterThanOrEqualTo(titleBottom);
      js("document.getElementById('results').scrollIntoView()");
      screenshot("explorer-400.png");
      // a setting folded away is one tap away
      browser.findElement(By.cssSelector("#more-settings summary")).click();
      assertThat(browser.findElement(By.id("traffic")).isDisplayed()).isTrue();
    } finally {
      browser.manage().window().setSize(old);
    }
  }
}
