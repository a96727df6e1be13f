package dev.tandem.ot.text;

import dev.tandem.ot.OtException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Writes the test vectors that hold the browser's OT core ({@code webroot/js/ot/}) to this one:
 * seeded random documents and operations (emoji, combining marks, astral characters), with what
 * the Java core says about applying, transforming, composing, inverting, parsing and moving carets.
 * The JavaScript tests ({@code src/test/js/ot-vectors.test.mjs}) replay every vector and must get
 * identical results. Every non-ASCII character is written as a {@code \\u} escape, so lone
 * surrogates in the parsing cases survive the trip.
 */
class OtVectorsTest {
    static final Path OUTPUT = Path.of(System.getProperty("tandem.otVectors", "target/ot-vectors/vectors.json"));
    static final long SEED = 20261128L;
    static final int RANDOM_CASES = 600;
    static final int TIE_CASES = 100;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .addModule(OperationJson.module())
            .build();

    @Test
    void writesVectorsThatReplayFromTheFile() throws IOException {
        ObjectNode root = NODES.objectNode();
        root.put("version", 1);
        root.put("seed", SEED);
        ArrayNode cases = root.putArray("cases");
        Random r = new Random(SEED);
        for (int i = 0; i < RANDOM_CASES; i++) {
            String doc = RandomEdits.text(r, 24);
            int len = RandomEdits.length(doc);
            cases.add(algebraCase(r, doc, RandomEdits.operation(r, len), RandomEdits.operation(r, len)));
        }
        for (int i = 0; i < TIE_CASES; i++) {
            // Both insert at one position: the tie-break decides whose text goes first.
            String doc = RandomEdits.text(r, 12);
            int len = RandomEdits.length(doc);
            int at = r.nextInt(len + 1);
            int cut = r.nextInt(len - at + 1);
            cases.add(algebraCase(r, doc,
                    TextOperation.splice(len, at, r.nextBoolean() ? 0 : cut, RandomEdits.nonEmptyText(r, 3)),
                    TextOperation.splice(len, at, r.nextBoolean() ? 0 : cut, RandomEdits.nonEmptyText(r, 3))));
        }
        root.set("parse", parseCases(r));
        root.set("errors", errorCases());

        Files.createDirectories(OUTPUT.toAbsolutePath().getParent());
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(OUTPUT.toFile(), root);

        // Read the file back and replay it with the Java core: the vectors must say what the core does.
        JsonNode back = MAPPER.readTree(OUTPUT.toFile());
        assertEquals(RANDOM_CASES + TIE_CASES, back.get("cases").size());
        int astral = 0;
        int biasMatters = 0;
        for (JsonNode c : back.get("cases")) {
            String doc = c.get("doc").textValue();
            TextOperation a = OperationJson.fromTree(c.get("a"));
            TextOperation b = OperationJson.fromTree(c.get("b"));
            assertEquals(c.get("applyA").textValue(), a.apply(doc));
            OperationPair pair = TextOperation.transform(a, b);
            assertEquals(OperationJson.fromTree(c.get("aPrime")), pair.aPrime());
            assertEquals(c.get("converged").textValue(), pair.bPrime().apply(a.apply(doc)));
            assertEquals(c.get("converged").textValue(), pair.aPrime().apply(b.apply(doc)));
            assertEquals(doc, OperationJson.fromTree(c.get("invertA")).apply(a.apply(doc)));
            if (doc.length() != doc.codePointCount(0, doc.length())) {
                astral++;
            }
            for (JsonNode p : c.get("positions")) {
                if (p.get("before").intValue() != p.get("after").intValue()) {
                    biasMatters++;
                }
            }
        }
        assertTrue(astral > RANDOM_CASES / 2, "most documents hold surrogate pairs, got " + astral);
        assertTrue(biasMatters > 100, "carets where the bias changes the answer: " + biasMatters);
        assertTrue(back.get("parse").size() >= 50);
        assertTrue(back.get("errors").size() >= 8);
    }

    private static ObjectNode algebraCase(Random r, String doc, TextOperation a, TextOperation b) {
        ObjectNode c = NODES.objectNode();
        c.put("doc", doc);
        c.set("a", json(a));
        c.set("b", json(b));
        String afterA = a.apply(doc);
        c.put("applyA", afterA);
        c.put("applyB", b.apply(doc));
        OperationPair pair = TextOperation.transform(a, b);
        c.set("aPrime", json(pair.aPrime()));
        c.set("bPrime", json(pair.bPrime()));
        c.put("converged", pair.bPrime().apply(afterA));
        TextOperation next = RandomEdits.operation(r, RandomEdits.length(afterA));
        c.set("next", json(next));
        TextOperation composed = a.compose(next);
        c.set("compose", json(composed));
        c.put("composeApply", composed.apply(doc));
        c.set("invertA", json(a.invert(doc)));
        c.put("noopA", a.isNoop());
        c.put("baseLengthA", a.baseLength());
        c.put("targetLengthA", a.targetLength());

        ArrayNode positions = c.putArray("positions");
        for (int p = 0; p <= a.baseLength(); p++) {
            ObjectNode pos = positions.addObject();
            pos.put("pos", p);
            pos.put("before", a.transformPosition(p, TextOperation.Bias.BEFORE));
            pos.put("after", a.transformPosition(p, TextOperation.Bias.AFTER));
        }
        ArrayNode selections = c.putArray("selections");
        for (int k = 0; k < 4; k++) {
            Selection s = new Selection(r.nextInt(a.baseLength() + 1), r.nextInt(a.baseLength() + 1));
            ObjectNode sel = selections.addObject();
            sel.set("sel", pair(s));
            sel.set("before", pair(s.transform(a, TextOperation.Bias.BEFORE)));
            sel.set("after", pair(s.transform(a, TextOperation.Bias.AFTER)));
        }
        return c;
    }

    /** Wire arrays as a person or a buggy client might send them: not normalised, some invalid. */
    private static ArrayNode parseCases(Random r) {
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < 200; i++) {
            ArrayNode input = NODES.arrayNode();
            int n = r.nextInt(7);
            for (int k = 0; k < n; k++) {
                int kind = r.nextInt(3);
                if (kind == 0) {
                    input.add(RandomEdits.nonEmptyText(r, 3));
                } else if (kind == 1) {
                    input.add(1 + r.nextInt(9));
                } else {
                    input.add(-1 - r.nextInt(9));
                }
            }
            out.add(parseCase(input));
        }
        String[] bad = {
            "[0]", "[\"\"]", "[1.5]", "[true]", "[null]", "[{}]", "[[1]]", "{}", "\"abc\"", "3",
            "[2147483648]", "[-2147483648]", "[-2147483647]", "[2147483647, 1]", "[5, \"x\", 0]",
            "[\"\\ud83d\"]", "[\"a\\ude00\"]", "[\"\\ud83d\\ude00\"]", "[-3, \"abc\", 2]", "[]",
            "[1, 2, -3, -4, \"a\", \"b\", 5]",
        };
        for (String json : bad) {
            try {
                out.add(parseCase(MAPPER.readTree(json)));
            } catch (IOException e) {
                throw new AssertionError(json, e);
            }
        }
        return out;
    }

    private static ObjectNode parseCase(JsonNode input) {
        ObjectNode c = NODES.objectNode();
        c.set("input", input);
        try {
            TextOperation op = OperationJson.fromTree(input);
            c.set("normal", json(op));
            c.put("baseLength", op.baseLength());
            c.put("targetLength", op.targetLength());
        } catch (OtException e) {
            c.put("error", e.code().name());
        }
        return c;
    }

    /** Operations used the wrong way round, with the error code each must give. */
    private static ArrayNode errorCases() {
        ArrayNode out = NODES.arrayNode();
        String emoji = "\ud83d\ude00";
        addError(out, "apply", "ab" + emoji, op(2), null, 0, () -> op(2).apply("ab" + emoji));
        addError(out, "apply", "ab", op(2, "x", 1), null, 0, () -> op(2, "x", 1).apply("ab"));
        addError(out, "apply", emoji, op(2), null, 0, () -> op(2).apply(emoji));
        addError(out, "invert", "abc", op(-4), null, 0, () -> op(-4).invert("abc"));
        addError(out, "compose", null, op(2, "x"), op(2), 0, () -> op(2, "x").compose(op(2)));
        addError(out, "transform", null, op(2), op(3), 0, () -> TextOperation.transform(op(2), op(3)));
        addError(out, "transformPosition", null, op(2, "x"), null, 3, () -> op(2, "x").transformPosition(3, TextOperation.Bias.BEFORE));
        addError(out, "transformPosition", null, op(2, "x"), null, -1, () -> op(2, "x").transformPosition(-1, TextOperation.Bias.AFTER));
        addError(out, "splice", null, null, null, 0, () -> TextOperation.splice(3, 2, 2, "x"));
        ((ObjectNode) out.get(out.size() - 1)).set("args", NODES.arrayNode().add(3).add(2).add(2).add("x"));
        return out;
    }

    private static void addError(ArrayNode out, String what, String doc, TextOperation a, TextOperation b, int pos,
            Runnable call) {
        OtException e = assertThrows(OtException.class, call::run, what);
        ObjectNode c = out.addObject();
        c.put("call", what);
        if (doc != null) {
            c.put("doc", doc);
        }
        if (a != null) {
            c.set("a", json(a));
        }
        if (b != null) {
            c.set("b", json(b));
        }
        c.put("pos", pos);
        c.put("error", e.code().name());
    }

    private static TextOperation op(Object... components) {
        return OperationJson.fromList(java.util.List.of(components));
    }

    private static JsonNode json(TextOperation op) {
        return MAPPER.valueToTree(op);
    }

    private static ArrayNode pair(Selection s) {
        return NODES.arrayNode().add(s.anchor()).add(s.head());
    }
}
