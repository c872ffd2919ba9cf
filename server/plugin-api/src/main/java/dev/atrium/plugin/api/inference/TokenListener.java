package dev.atrium.plugin.api.inference;

/**
 * Receives a streamed generation's text as it is produced: one call per generated token, in order,
 * on the caller's Vert.x context (or on a pool thread when the caller had none). A token that ends
 * inside a multi-byte character arrives with the next one. Must not block.
 */
@FunctionalInterface
public interface TokenListener {

  /**
   * @param text the new text (may be empty for a token that is only part of a character)
   * @param index the token's position in the completion, from 0
   */
  void onToken(String text, int index);
}
