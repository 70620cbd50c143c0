package io.kstar.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The explorer's assets under content-hashed names, computed once at start-up from the jar's
 * {@code /public}: {@code /assets/explorer.3f9c….js}, {@code /assets/plotly.8a1e….min.js}. A name
 * changes whenever its bytes do, so assets are cached for a year ({@link #IMMUTABLE}) and the page,
 * which names them, is revalidated on every load ({@link #NO_CACHE}).
 */
final class Assets {
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String NO_CACHE = "no-cache";

  /** Path under /public → its content type; index.html names each by this path. */
  private static final Map<String, String> FILES = Map.of(
      "explorer.css", "text/css; charset=utf-8",
      "explorer.js", "text/javascript; charset=utf-8",
      "vendor/plotly.min.js", "text/javascript; charset=utf-8");

  record Asset(String contentType, byte[] bytes) {}

  /** Whether a path names one of the explorer's static files as /public holds it ("/explorer.js"). */
  static boolean isPublicFile(String path) {
    return path.startsWith("/") && FILES.containsKey(path.substring(1));
  }

  private final Map<String, Asset> byHashedName = new LinkedHashMap<>();
  private final Map<String, String> hashedPath = new LinkedHashMap<>();
  private final String page;

  Assets() {
    String html = new String(read("index.html"), StandardCharsets.UTF_8);
    for (Map.Entry<String, String> f : FILES.entrySet()) {
      byte[] bytes = read(f.getKey());
      String name = hashedName(f.getKey(), bytes);
      byHashedName.put(name, new Asset(f.getValue(), bytes));
      hashedPath.put(f.getKey(), "/assets/" + name);
      for (String attribute : new String[] {"src=\"", "href=\""}) {
        html = html.replace(attribute + f.getKey() + "\"", attribute + "/assets/" + name + "\"");
      }
    }
    this.page = html;
  }

  /** "vendor/plotly.min.js" with bytes hashing to 8a1e… → "plotly.8a1e….min.js": the first 16 hex digits of SHA-256. */
  static String hashedName(String path, byte[] bytes) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    int dot = file.indexOf('.');
    String hash;
    try {
      hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return dot < 0 ? file + "." + hash : file.substring(0, dot) + "." + hash + file.substring(dot);
  }

  /** The page, naming the hashed assets. */
  String page() {
    return page;
  }

  Optional<Asset> asset(String hashedName) {
    return Optional.ofNullable(byHashedName.get(hashedName));
  }

  /** The hashed path of an asset given by its path under /public ("explorer.js" → "/assets/explorer.….js"). */
  String pathOf(String file) {
    return hashedPath.get(file);
  }

  private static byte[] read(String path) {
    try (InputStream in = Assets.class.getResourceAsStream("/public/" + path)) {
      if (in == null) {
        throw new IllegalStateException("the jar has no /public/" + path + " (was the explorer bundled?)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
