package io.kstar.server;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may call the service and from where. A bearer token (required whenever the service listens
 * beyond loopback), the names a request's Host header may carry (besides loopback's), the origins
 * allowed cross-origin calls (none by default), and whether each request gets an access-log line.
 *
 * @param token the bearer token every {@code /v1} and {@code /metrics} request must carry; empty: none
 * @param hosts extra host names a request may address (the bound address and loopback always may)
 * @param corsOrigins origins answered with CORS headers (exact match); empty: no CORS
 * @param accessLog one structured line per request on stderr
 */
public record Access(Optional<String> token, List<String> hosts, List<String> corsOrigins, boolean accessLog) {

  public static final Access LOOPBACK = new Access(Optional.empty(), List.of(), List.of(), false);

  public Access {
    Objects.requireNonNull(token, "token");
    hosts = List.copyOf(hosts);
    corsOrigins = List.copyOf(corsOrigins);
  }

  private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
      "(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  /**
   * Whether a host name is loopback, as a whole name: localhost, ::1, or an IPv4 address in 127.0.0.0/8 (four
   * numbers of at most 255); not any name that starts with "127." ("127.0.0.1.evil.example" is not).
   */
  public static boolean isLoopback(String host) {
    if (host.equals("localhost") || host.equals("::1") || host.equals("[::1]")) {
      return true;
    }
    var m = IPV4.matcher(host);
    if (!m.matches() || !m.group(1).equals("127")) {
      return false;
    }
    for (int i = 2; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return true;
  }
}
