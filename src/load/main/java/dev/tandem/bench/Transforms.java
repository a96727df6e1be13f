package dev.tandem.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The transforms a benchmark invocation did, reported by JMH as {@code transforms/s}. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Transforms {
    public long transforms;

    @Setup(Level.Iteration)
    public void reset() {
        transforms = 0;
    }
}
