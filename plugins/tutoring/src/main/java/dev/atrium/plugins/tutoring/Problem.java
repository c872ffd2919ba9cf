package dev.atrium.plugins.tutoring;

import dev.atrium.plugin.api.PluginResponse;

/** A request refused: thrown anywhere in a handler, answered as an RFC 9457 problem. */
final class Problem extends RuntimeException {
  final int status;
  final String code;

  Problem(int status, String code, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
  }

  static Problem invalid(String field, String rule) {
    return new Problem(400, "invalid_field", "Field '" + field + "' " + rule + ".");
  }

  static Problem notFound(String what, String id) {
    return new Problem(404, "not_found", "The " + what + " '" + id + "' does not exist.");
  }

  PluginResponse response() {
    return PluginResponse.problem(status, code, getMessage());
  }
}
