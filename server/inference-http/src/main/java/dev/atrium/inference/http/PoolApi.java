package dev.atrium.inference.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.Operation;
import dev.atrium.inference.InferencePool;
import dev.atrium.inference.PoolSnapshot;
import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.shared.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The operator's live view of the inference pool: {@code GET /api/admin/pool} answers a snapshot;
 * {@code GET /api/admin/pool/stream} pushes one every second as server-sent events.
 */
public final class PoolApi {
  private static final String TAG = "Operator";
  private static final long PUSH_INTERVAL_MILLIS = 1000;

  private final Vertx vertx;
  private final InferencePool pool;

  public PoolApi(Vertx vertx, InferencePool pool) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.pool = requireNonNull(pool, "pool is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/admin/pool",
        Access.operator(),
        Operation.of(TAG, "Live state of every inference pool")
            .responds(200, "The pools", InferenceSchemas.POOLS),
        ctx -> Future.succeededFuture(Reply.ok(snapshot())));
    routes.add(
        HttpMethod.GET,
        "/api/admin/pool/stream",
        Access.operator(),
        Operation.of(TAG, "The same state pushed every second (text/event-stream)")
            .responds(
                200,
                "An endless stream of 'pool' events",
                "text/event-stream",
                JsonSchema.string()),
        ctx -> {
          HttpServerResponse response = ctx.response();
          response
              .setChunked(true)
              .putHeader("Content-Type", "text/event-stream")
              .putHeader("Cache-Control", "no-store");
          push(response);
          long timer = vertx.setPeriodic(PUSH_INTERVAL_MILLIS, id -> push(response));
          response.closeHandler(v -> vertx.cancelTimer(timer));
          return Future.succeededFuture(null);
        });
  }

  private void push(HttpServerResponse response) {
    if (!response.closed()) {
      response.write("event: pool\ndata: " + snapshot().encode() + "\n\n");
    }
  }

  JsonObject snapshot() {
    JsonArray pools = new JsonArray();
    for (PoolSnapshot s : pool.snapshot()) {
      pools.add(
          new JsonObject()
              .put("model", s.modelId())
              .put("task", s.task())
              .put("owner", s.owner())
              .put("license", s.license())
              .put("devices", new JsonArray(List.copyOf(s.devices())))
              .put("workers", s.workers())
              .put("minWorkers", s.minWorkers())
              .put("maxWorkers", s.maxWorkers())
              .put("queued", s.queuedJobs())
              .put(
                  "queuedByTenant",
                  new JsonObject(new LinkedHashMap<String, Object>(s.queuedJobsByTenant())))
              .put("inFlight", s.inFlight())
              .put("capacity", s.capacity())
              .put("batches", s.batches())
              .put("items", s.items())
              .put("meanBatchSize", s.meanBatchSize())
              .put("itemsPerSecond", s.recentItemsPerSecond()));
    }
    return new JsonObject().put("pools", pools);
  }
}
