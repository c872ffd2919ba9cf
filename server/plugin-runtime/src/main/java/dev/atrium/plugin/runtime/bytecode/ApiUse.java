package dev.atrium.plugin.runtime.bytecode;

import static java.util.Objects.requireNonNull;

/**
 * One use of a forbidden API: in which class and method ({@code com.acme.Evil.handle}) the call,
 * field access or class reference is, what it uses ({@code java.lang.System.exit}) and why that is
 * forbidden.
 */
public record ApiUse(String className, String method, String api, ApiCategory category) {
  public ApiUse {
    requireNonNull(className, "className is null");
    requireNonNull(method, "method is null");
    requireNonNull(api, "api is null");
    requireNonNull(category, "category is null");
  }

  /** {@code com.acme.Evil.handle uses java.lang.System.exit (ends or hooks the server process)}. */
  public String describe() {
    return className + "." + method + " uses " + api + " (" + category.meaning() + ")";
  }
}
