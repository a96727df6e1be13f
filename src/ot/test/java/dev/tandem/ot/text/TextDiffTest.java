package dev.tandem.ot.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TextDiffTest {

    @Test
    void theDiffTurnsOneTextIntoTheOtherForRandomPairsAndRelatedEdits() {
        for (int seed = 0; seed < 500; seed++) {
            Random r = new Random(seed);
            String a = RandomEdits.text(r, 40);
            String b = r.nextBoolean() ? RandomEdits.text(r, 40) : RandomEdits.operation(r, RandomEdits.length(a)).apply(a);
            TextOperation op = TextType.INSTANCE.diff(a, b);
            assertEquals(RandomEdits.length(a), op.baseLength(), "seed " + seed);
            assertEquals(b, op.apply(a), "seed " + seed);
        }
    }

    @Test
    void onlyWhatDiffersChanges() {
        assertEquals(TextOperation.builder().retain(5).delete(1).retain(6).delete(1).build(),
                TextType.INSTANCE.diff("Hello, world!", "Hello world"));
        assertEquals(TextOperation.builder().insert("Hi").build(), TextType.INSTANCE.diff("", "Hi"));
        assertEquals(TextOperation.builder().retain(2).build(), TextType.INSTANCE.diff("Hi", "Hi"));
    }

    /** Beyond the code-point diff's bound, whole lines are compared first: a few changed lines stay a few changes. */
    @Test
    void largeTextsAreComparedLineByLine() {
        Random r = new Random(7);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4_000; i++) {
            sb.append("line ").append(i).append(' ').append(RandomEdits.text(r, 6)).append('\n');
        }
        String a = sb.toString();
        String b = a.replace("line 100 ", "LINE 100 ").replace("line 3900 ", "").concat("the end\n");
        TextOperation op = TextType.INSTANCE.diff(a, b);
        assertEquals(b, op.apply(a));
        assertTrue(op.size() <= 12, "a handful of components, not a rewrite: " + op.size());
    }
}
