package dev.atrium.contract;

/** Ids that nothing has, of the same shape as one that something has. */
final class UnknownId {
  private UnknownId() {}

  /**
   * {@code id} with each digit moved one along ({@code 9} to {@code 0}), or, in an id without
   * digits, each letter ({@code z} to {@code a}, case kept); everything else is kept, so that a
   * check of the id's format (a prefix, hexadecimal digits, a length) treats both alike: {@code v2}
   * gives {@code v3}, {@code d-6a9f} gives {@code d-7a0f}, {@code course-of-a} gives {@code
   * dpvstf-pg-b}.
   */
  static String like(String id) {
    boolean digits = id.chars().anyMatch(c -> c >= '0' && c <= '9');
    StringBuilder unknown = new StringBuilder(id.length());
    for (char c : id.toCharArray()) {
      if (digits && c >= '0' && c <= '9') {
        unknown.append(next(c, '0', 10));
      } else if (!digits && c >= 'a' && c <= 'z') {
        unknown.append(next(c, 'a', 26));
      } else if (!digits && c >= 'A' && c <= 'Z') {
        unknown.append(next(c, 'A', 26));
      } else {
        unknown.append(c);
      }
    }
    return unknown.toString();
  }

  private static char next(char c, char first, int size) {
    return (char) (first + (c - first + 1) % size);
  }
}
