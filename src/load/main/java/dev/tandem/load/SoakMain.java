package dev.tandem.load;

import java.util.List;

/**
 * The soak's command line ({@code scripts/soak}): runs {@link Soak}, prints its summary line last
 * (progress goes to stderr) and exits 0 only if the soak passed.
 */
public final class SoakMain {
    private SoakMain() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(SoakOptions.usage());
            return;
        }
        SoakOptions options;
        try {
            options = SoakOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.err.print(SoakOptions.usage());
            System.exit(2);
            return;
        }
        SoakResult r = new Soak(options, System.err).run();
        if (!r.ok()) {
            System.err.println("soak: FAILED: " + why(r));
        }
        System.out.println(r.summaryLine());
        System.exit(r.ok() ? 0 : 1); // the HTTP client's threads must not keep the JVM
    }

    /** What made the soak fail, in words. */
    static String why(SoakResult r) {
        StringBuilder s = new StringBuilder();
        if (r.errorCount() > 0) {
            s.append(" errors ").append(r.errors()).append(';');
        }
        if (r.ledger().lost() > 0 || r.ledger().duplicated() > 0) {
            s.append(" operations lost or duplicated (").append(r.ledger().firstProblem()).append(");");
        }
        if (!r.converged()) {
            s.append(" not converged (").append(r.convergenceNote()).append(");");
        }
        if (!r.everyoneBack()) {
            s.append(" users still away at the end;");
        }
        if (!r.flat()) {
            s.append(String.format(java.util.Locale.ROOT, " memory not flat or not measured: heap %.2f MiB/10 min (at most %.1f), "
                    + "RSS %.2f MiB/10 min (at most %.1f);", r.heapSlope(), r.options().maxHeapSlope(), r.rssSlope(),
                    r.options().maxRssSlope()));
        }
        return s.toString().trim();
    }
}
