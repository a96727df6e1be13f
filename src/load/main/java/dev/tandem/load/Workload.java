package dev.tandem.load;

/**
 * The workloads of DESIGN.md ("Workloads" and "Workloads added with the new types"), with their
 * full-size parameters and the small ones of quick mode (a few seconds each, for the smoke test
 * in the normal test suite). W6 and W7 run on canvases ({@link DragStorm}, {@link BigBoard}).
 */
enum Workload {
    W1("busy doc", 1, 100, 5, 30, Behaviour.TYPING),
    W2("many docs", 2000, 2, 1, 30, Behaviour.TYPING),
    W3("max throughput", 1, 10, 0, 20, Behaviour.CLOSED_LOOP),
    W4("presence storm", 1, 100, 20, 30, Behaviour.PRESENCE),
    W5("crowd", 1, 50, 5, 15, Behaviour.TYPING),
    W6("drag storm", 1, 50, 20, 30, Behaviour.DRAGGING),
    W7("big board", 1, 5, 20, 10, Behaviour.DRAGGING);

    final String title;
    final int docs;
    /** Users per document; for W5 the authors added per step. */
    final int usersPerDoc;
    /** Ticks per second per user (0 for closed loop). */
    final double rate;
    /** Seconds of measurement; for W5 per step. */
    final int seconds;
    final Behaviour behaviour;

    Workload(String title, int docs, int usersPerDoc, double rate, int seconds, Behaviour behaviour) {
        this.title = title;
        this.docs = docs;
        this.usersPerDoc = usersPerDoc;
        this.rate = rate;
        this.seconds = seconds;
        this.behaviour = behaviour;
    }

    /** The parameters of one run: the defaults above, shrunk by quick mode, overridden by options. */
    Plan plan(LoadOptions o) {
        boolean q = o.quick();
        int d = o.docs() > 0 ? o.docs() : q ? Math.min(docs, 20) : docs;
        int u = o.users() > 0 ? o.users() : q ? Math.min(usersPerDoc, 10) : usersPerDoc;
        double r = o.rate() > 0 ? o.rate() : rate;
        int s = o.durationSeconds() > 0 ? o.durationSeconds() : q ? 3 : seconds;
        if (this == W5) {
            u = o.stepUsers() > 0 ? o.stepUsers() : q ? 5 : usersPerDoc;
            s = o.stepSeconds() > 0 ? o.stepSeconds() : q ? 2 : seconds;
        }
        int warmup = o.warmupSeconds() >= 0 ? o.warmupSeconds() : q ? 1 : 10;
        return new Plan(this, d, u, r, s, warmup);
    }

    /** One run's parameters: {@code users} is per document (W5: authors added per step). */
    record Plan(Workload workload, int docs, int users, double rate, int seconds, int warmupSeconds) {
    }
}
