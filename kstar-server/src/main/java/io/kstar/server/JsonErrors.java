package io.kstar.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own answers (a request line or headers too long, 414 and 431; a message it cannot parse, 400; what
 * reaches no handler) in the service's form: a JSON body {@code {"errors": {FIELD: [{"message": …}]}}} with the security
 * headers every other answer carries, not Jetty's HTML page.
 */
final class JsonErrors extends ErrorHandler {

  /** The headers every answer carries (KstarServer's guards set them on the answers that reach a handler). */
  static final Map<String, String> SECURITY_HEADERS = Map.of(
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer",
      "X-Frame-Options", "DENY",
      "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");

  static byte[] body(int status, String reason) {
    String field = switch (status) {
      case 414 -> "(uri)";
      case 431 -> "(headers)";
      default -> "(request)";
    };
    String message = switch (status) {
      case 414 -> "the request line is longer than this server reads";
      case 431 -> "the request's headers are larger than this server reads";
      case 400 -> "is not a well-formed HTTP request" + (reason == null || reason.isBlank() ? "" : ": " + reason);
      default -> reason == null || reason.isBlank() ? "HTTP " + status : reason;
    };
    try {
      // the service's error form: {"errors": {FIELD: [{"message": …}]}}
      return KstarServer.JSON.writeValueAsBytes(Map.of("errors", Map.of(field, java.util.List.of(Map.of("message",
          message)))));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    SECURITY_HEADERS.forEach(fields::put);
    return ByteBuffer.wrap(body(status, reason));
  }

  @Override
  protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
      HttpServletResponse response, int code, String message) throws IOException {
    baseRequest.setHandled(true);
    response.setContentType("application/json");
    SECURITY_HEADERS.forEach(response::setHeader);
    response.getOutputStream().write(body(code, message));
  }
}
