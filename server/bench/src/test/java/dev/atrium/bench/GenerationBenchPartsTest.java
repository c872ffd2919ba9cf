package dev.atrium.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.TestServer;
import dev.atrium.inference.catalog.ArtifactSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two measuring parts of {@code ./atrium bench generation} on the real bundled model: what they
 * count is what was generated, so the bench's figures mean what its table says.
 */
final class GenerationBenchPartsTest {
  private static final String PROMPT = "Once upon a time";
  private static final String CATALOG =
      """
      {"bundled_models": false, "models": {"stories260k": {"task": "generation",
       "engine": "llama.cpp", "artifact": "classpath:atrium/models/stories260K.gguf",
       "context_length": 256}}}""";

  @Test
  void llamaBaselineCountsEveryTokenAndOneFirstTokenTimePerGeneration() throws Exception {
    Path gguf = new ArtifactSource("classpath:atrium/models/stories260K.gguf").file("");
    try (LlamaBaseline llama = LlamaBaseline.load(gguf, 2, 256)) {
      StreamingResult run = llama.closedLoop(PROMPT, 12, 3, Duration.ZERO);

      // One generation per thread, the third queued by llama.cpp behind the two slots.
      assertThat(run.firstToken().ok()).isEqualTo(3);
      assertThat(run.firstToken().failed()).isZero();
      assertThat(run.tokens()).isEqualTo(3 * 12);
      assertThat(run.firstToken().latencyNanos()).hasSize(3);
      assertThat(Arrays.stream(run.firstToken().latencyNanos()).min().orElseThrow()).isPositive();
      assertThat(run.tokensPerSecond()).isPositive();
    }
  }

  @Test
  void streamedCompletionsCountTheTokensTheServerReportsAndTimeTheFirstText() throws Exception {
    try (TestServer server =
            TestServer.withCatalog(
                CATALOG,
                Map.of(
                    "operator.email",
                    BenchTenants.OPERATOR,
                    "operator.password",
                    BenchTenants.OPERATOR_PASSWORD));
        LoadGenerator load = new LoadGenerator(server.port(), 2)) {
      String key = BenchTenants.unlimitedKey(load, "parts");
      StreamedCompletions completions =
          new StreamedCompletions(load, key, BenchTenants.class.getSimpleName(), PROMPT, 8);
      StreamingResult unknownModel = completions.closedLoop(Duration.ofMillis(100));
      assertThat(unknownModel.firstToken().ok()).isZero();
      assertThat(unknownModel.firstToken().failed()).isPositive();
      assertThat(completions.firstFailure()).startsWith("HTTP 404");

      StreamedCompletions stories = new StreamedCompletions(load, key, "stories260k", PROMPT, 8);
      StreamingResult run = stories.closedLoop(Duration.ofMillis(300));

      assertThat(stories.firstFailure()).isNull();
      long requests = run.firstToken().ok();
      assertThat(requests).isGreaterThanOrEqualTo(2);
      // The model may end its story before max_tokens: at most 8 tokens a request, at least one.
      assertThat(run.tokens()).isBetween(requests, requests * 8);
      assertThat(Arrays.stream(run.firstToken().latencyNanos()).min().orElseThrow()).isPositive();
    }
  }
}
