package dev.tandem.load;

import dev.tandem.ot.canvas.FractionalIndex;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * W6, the drag storm: one canvas with one rectangle per person; every person drags theirs (its
 * {@code x} and {@code y} set {@code rate} times a second) and moves their pointer with it (a
 * presence each time). Measures end-to-end latency of the changes (e2e) and of the pointers
 * (presence), acknowledgements, and that every copy ends equal to the server's board.
 */
final class DragStorm {
    private final Harness h;

    DragStorm(Harness h) {
        this.h = h;
    }

    WorkloadResult run(Workload.Plan plan) throws Exception {
        String doc = h.runId() + "-W6-board";
        List<String> objects = new ArrayList<>();
        for (int i = 0; i < plan.users(); i++) {
            objects.add("shape" + i);
        }
        h.log().printf("W6 (drag storm): %d people on one canvas, each dragging a shape and moving a pointer %s times a second, "
                + "%d s warm-up + %d s%n", plan.users(), plan.rate(), plan.warmupSeconds(), plan.seconds());
        h.rest().createAll(List.of(doc), "canvas", board(objects).encode());
        RunStats stats = new RunStats();
        CanvasCrowd crowd = new CanvasCrowd(h, stats, h.runId() + "-W6");
        crowd.join(doc, objects);
        DragPhase.Result r = DragPhase.run(h, plan, stats, crowd, doc, "W6");
        crowd.close();
        return r.result(plan, crowd.size(), -1, Map.of());
    }

    /** A board of one rectangle per id, in a row. */
    static JsonObject board(List<String> ids) {
        JsonArray objects = new JsonArray();
        List<String> keys = FractionalIndex.nBetween(null, null, ids.size());
        for (int i = 0; i < ids.size(); i++) {
            objects.add(new JsonObject().put("id", ids.get(i)).put("kind", "rectangle").putNull("parent").put("index", keys.get(i))
                    .put("props", new JsonObject().put("x", i * 150).put("y", 500).put("width", 120).put("height", 80)
                            .put("fill", "#90caf9")));
        }
        return new JsonObject().put("objects", objects);
    }
}
