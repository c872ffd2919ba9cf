package dev.atrium.bench;

/**
 * What one run of streamed generations measured: the requests with their time to first token (as
 * the latencies of {@code firstToken}) and the tokens generated in all.
 */
record StreamingResult(LoadResult firstToken, long tokens) {

  double tokensPerSecond() {
    return tokens / firstToken.seconds();
  }

  double tokensPerRequest() {
    return (double) tokens / firstToken.ok();
  }
}
