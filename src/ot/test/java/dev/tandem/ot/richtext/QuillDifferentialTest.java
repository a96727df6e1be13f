package dev.tandem.ot.richtext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.ot.DocumentType.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The rich-text type against its reference, npm quill-delta 5.1.0: thousands of seeded random
 * documents and changes (formats, nulls, embeds, astral characters, changes that stop early) go
 * through both, and every result must be the same JSON. One Node process answers all cases.
 */
class QuillDifferentialTest {
    private static final long SEED = 20_240_611L;
    private static final int DOCUMENTS = 2_500;
    private static final int MAX_REPORTED = 8;

    /** What Java answered for one case, computed lazily so a Java exception is reported per case. */
    private record Expectation(String what, int index, ObjectNode input, Supplier<Object> java) {
    }

    private final List<Expectation> expected = new ArrayList<>();
    private final QuillOracle oracle = new QuillOracle();

    private void expect(String what, ObjectNode input, Supplier<Object> java) {
        expected.add(new Expectation(what, oracle.size() - 1, input, java));
    }

    @Test
    void composeTransformInvertAndApplyMatchQuillDelta() throws Exception {
        Random r = new Random(SEED);
        for (int i = 0; i < DOCUMENTS; i++) {
            // One document in fifty spans several leaves of the document's tree.
            Delta doc = RandomDeltas.document(r, i % 50 == 0 ? 1_500 : 8);
            Delta a = RandomDeltas.change(r, doc);
            Delta b = RandomDeltas.change(r, doc);
            Delta afterA = doc.compose(a);
            Delta c = RandomDeltas.change(r, afterA);

            ObjectNode apply = oracle.add("compose");
            apply.set("a", QuillOracle.tree(doc));
            apply.set("b", QuillOracle.tree(a));
            expect("apply (document.compose)", apply, () -> doc.compose(a));
            expect("apply (RichTextDocument)", apply, () -> {
                RichTextDocument d = RichTextDocument.of(doc);
                d.apply(a);
                return d.toDelta();
            });

            ObjectNode compose = oracle.add("compose");
            compose.set("a", QuillOracle.tree(a));
            compose.set("b", QuillOracle.tree(c));
            expect("compose", compose, () -> a.compose(c));

            for (boolean priority : new boolean[] {true, false}) {
                ObjectNode t = oracle.add("transform");
                t.set("a", QuillOracle.tree(a));
                t.set("b", QuillOracle.tree(b));
                t.put("priority", priority);
                expect("transform priority=" + priority, t, () -> a.transform(b, priority));
                // The type's mapping: transform(op=b, other=a, side) with LEFT giving b the tie.
                Side side = priority ? Side.RIGHT : Side.LEFT;
                expect("RichTextType.transform side=" + side, t,
                        () -> RichTextType.INSTANCE.transform(b, a, side));

                int index = RandomDeltas.position(r, doc);
                ObjectNode tp = oracle.add("transformPosition");
                tp.set("a", QuillOracle.tree(a));
                tp.put("index", index);
                tp.put("priority", priority);
                expect("transformPosition priority=" + priority, tp,
                        () -> a.transformPosition(index, priority));
                Side posSide = priority ? Side.LEFT : Side.RIGHT;
                expect("RichTextType.transformPosition side=" + posSide, tp,
                        () -> RichTextType.INSTANCE.transformPosition(index, a, posSide));
            }

            ObjectNode invert = oracle.add("invert");
            invert.set("a", QuillOracle.tree(a));
            invert.set("base", QuillOracle.tree(doc));
            expect("invert", invert, () -> a.invert(doc));
            expect("RichTextType.invert", invert,
                    () -> RichTextType.INSTANCE.invert(a, RichTextDocument.of(doc)));

            // quill-delta applies our diff and must land on the target document.
            Delta target = RandomDeltas.document(r, 8);
            Delta diff = DocumentDiff.diff(afterA, target);
            ObjectNode restore = oracle.add("compose");
            restore.set("a", QuillOracle.tree(afterA));
            restore.set("b", QuillOracle.tree(diff));
            expect("compose(a, diff(a, b)) is b", restore, () -> target);
        }
        JsonNode results = oracle.run();
        int failures = 0;
        StringBuilder report = new StringBuilder();
        for (Expectation e : expected) {
            JsonNode quill = results.get(e.index);
            String javaJson;
            try {
                Object java = e.java.get();
                javaJson = java instanceof Delta d ? QuillOracle.tree(d).toString() : String.valueOf(java);
            } catch (RuntimeException ex) {
                javaJson = "threw " + ex;
            }
            if (!javaJson.equals(quill.toString())) {
                if (++failures <= MAX_REPORTED) {
                    report.append("\n").append(e.what).append("\n  input: ").append(e.input)
                            .append("\n  quill: ").append(quill).append("\n  java:  ").append(javaJson);
                }
            }
        }
        assertEquals(0, failures, failures + " of " + expected.size() + " results differ from quill-delta (seed "
                + SEED + "):" + report);
        assertEquals(DOCUMENTS * 8, oracle.size(), "every case ran");
    }
}
