package io.kstar.request;

/** Where a request comes from: the command line (flags) or the service (a JSON body). */
public enum Surface {
  CLI, API
}
