package dev.tandem.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The patches a trace-replay benchmark applied: one invocation replays a whole trace, and JMH
 * reports this counter as a rate beside the invocations, so the result reads {@code patches/s}.
 * Every replay benchmark of this package (plain text, rich text...) counts its patches here.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Patches {
    public long patches;

    @Setup(Level.Iteration)
    public void reset() {
        patches = 0;
    }
}
