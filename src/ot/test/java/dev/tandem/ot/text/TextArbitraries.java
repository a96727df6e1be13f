package dev.tandem.ot.text;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of documents and operations for the property tests, over {@link RandomEdits}'s
 * alphabet (combining marks, CJK, surrogate pairs everywhere). An operation is generated as a list
 * of {@link Step}s that fit any document length, so jqwik shrinks a failing case to fewer and
 * smaller steps on a shorter document, and a case stays valid while it shrinks.
 */
public final class TextArbitraries {
    private TextArbitraries() {
    }

    /** One piece of an operation before it is fitted to a document: insert text, delete or retain n. */
    public sealed interface Step {
        /** Inserts {@code text}. */
        record Insert(String text) implements Step {
        }

        /** Deletes up to {@code n} code points (fewer if the document ends first). */
        record Delete(int n) implements Step {
        }

        /** Retains up to {@code n} code points. */
        record Retain(int n) implements Step {
        }
    }

    /** Texts of up to {@code maxPieces} pieces of the alphabet. */
    public static Arbitrary<String> texts(int maxPieces) {
        return texts(0, maxPieces);
    }

    /** Texts of one to {@code maxPieces} pieces. */
    public static Arbitrary<String> nonEmptyTexts(int maxPieces) {
        return texts(1, maxPieces);
    }

    /** Texts of {@code minPieces} to {@code maxPieces} pieces. */
    public static Arbitrary<String> texts(int minPieces, int maxPieces) {
        return Arbitraries.of(RandomEdits.ALPHABET).list().ofMinSize(minPieces).ofMaxSize(maxPieces)
                .map(pieces -> String.join("", pieces));
    }

    /** Steps of an operation: inserts 2 in 10, deletes 3 in 10, retains 5 in 10, runs of up to {@code maxRun}. */
    public static Arbitrary<List<Step>> steps(int maxSteps, int maxRun, int maxInsertPieces) {
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(2, nonEmptyTexts(maxInsertPieces).map(Step.Insert::new)),
                Tuple.of(3, Arbitraries.integers().between(1, maxRun).map(Step.Delete::new)),
                Tuple.of(5, Arbitraries.integers().between(1, maxRun).map(Step.Retain::new)));
        return step.list().ofMaxSize(maxSteps);
    }

    /**
     * An operation before it meets a document: its steps, and whether what they leave over is
     * deleted or retained. {@link #on} fits it to any length, so shapes need no document to be
     * generated (or shrunk).
     */
    public record Shape(List<Step> steps, boolean deleteRest) {
        public TextOperation on(int length) {
            return fit(steps, length, deleteRest);
        }
    }

    /** Shapes of operations on documents of up to about a hundred code points (up to 24 steps, runs of up to 20). */
    public static Arbitrary<Shape> shapes() {
        return Combinators.combine(steps(24, 20, 4), Arbitraries.of(true, false)).as(Shape::new);
    }

    /** Operations on a document of {@code length} code points. */
    public static Arbitrary<TextOperation> operations(int length) {
        return shapes().map(shape -> shape.on(length));
    }

    /** A position in a document of {@code length} code points, from a fraction in [0, 1]. */
    public static int position(double fraction, int length) {
        return Math.min(length, (int) Math.floor(fraction * (length + 1)));
    }

    /**
     * The operation the steps make on a document of {@code length} code points: deletes and
     * retains stop at its end, and whatever the steps left over is retained or deleted.
     */
    public static TextOperation fit(List<Step> steps, int length, boolean deleteRest) {
        TextOperation.Builder b = TextOperation.builder();
        int left = length;
        for (Step s : steps) {
            if (s instanceof Step.Insert i) {
                b.insert(i.text());
            } else {
                int n = Math.min(s instanceof Step.Delete d ? d.n() : ((Step.Retain) s).n(), left);
                if (s instanceof Step.Delete) {
                    b.delete(n);
                } else {
                    b.retain(n);
                }
                left -= n;
            }
        }
        return (deleteRest ? b.delete(left) : b.retain(left)).build();
    }
}
