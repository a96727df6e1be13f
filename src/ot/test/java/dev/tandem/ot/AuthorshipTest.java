package dev.tandem.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.ot.canvas.CanvasType;
import dev.tandem.ot.richtext.RichTextType;
import dev.tandem.ot.text.RandomEdits;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.ot.text.TextType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AuthorshipTest {

    /** Against a model that keeps one author per code point: seeded random edits by four authors. */
    @Test
    void everyCodePointIsAttributedToWhoeverInsertedIt() {
        for (int seed = 0; seed < 300; seed++) {
            Random r = new Random(seed);
            String text = RandomEdits.text(r, 20);
            int initial = text.codePointCount(0, text.length());
            List<Integer> model = new ArrayList<>();
            for (int i = 0; i < initial; i++) {
                model.add(Authorship.UNKNOWN);
            }
            Authorship authorship = new Authorship(initial, Authorship.UNKNOWN);
            for (int step = 0; step < 40; step++) {
                int author = r.nextInt(4);
                TextOperation op = RandomEdits.operation(r, model.size());
                applyToModel(op, model, author);
                assertEquals(true, authorship.apply(TextType.INSTANCE, op, author));
            }
            assertEquals(model, expand(authorship), "seed " + seed);
        }
    }

    @Test
    void neighbouringRunsOfOneAuthorMerge() {
        Authorship a = new Authorship(0, Authorship.UNKNOWN);
        a.apply(TextType.INSTANCE, TextOperation.builder().insert("Hello").build(), 1);
        a.apply(TextType.INSTANCE, TextOperation.builder().retain(5).insert(" world").build(), 1);
        a.apply(TextType.INSTANCE, TextOperation.builder().retain(5).insert(",").retain(6).build(), 2);
        assertEquals(List.of(new Authorship.Span(0, 5, 1), new Authorship.Span(5, 1, 2), new Authorship.Span(6, 6, 1)),
                a.spans());
        a.apply(TextType.INSTANCE, TextOperation.builder().retain(5).delete(1).retain(6).build(), 3);
        assertEquals(List.of(new Authorship.Span(0, 11, 1)), a.spans(), "deleting the comma joins the two runs of 1");
    }

    @Test
    void richTextCountsUtf16UnitsAndFormattingDoesNotChangeTheAuthor() {
        RichTextType type = RichTextType.INSTANCE;
        Authorship a = new Authorship(1, Authorship.UNKNOWN); // the empty document's final newline
        a.apply(type, type.parse("{\"ops\":[{\"insert\":\"Hi \\ud83d\\ude00\"}]}"), 1);
        a.apply(type, type.parse("{\"ops\":[{\"retain\":2,\"attributes\":{\"bold\":true}},{\"insert\":\"!\"}]}"), 2);
        // A delta that stops early keeps the rest, the newline included.
        assertEquals(List.of(new Authorship.Span(0, 2, 1), new Authorship.Span(2, 1, 2), new Authorship.Span(3, 3, 1),
                new Authorship.Span(6, 1, Authorship.UNKNOWN)), a.spans());
    }

    @Test
    void aCanvasIsNotASequence() {
        Authorship a = new Authorship(0, Authorship.UNKNOWN);
        assertFalse(a.apply(CanvasType.INSTANCE, CanvasType.INSTANCE.parse("{\"changes\":[]}"), 1));
    }

    @Test
    void anOperationPastTheEndIsRefusedAndChangesNothing() {
        Authorship a = new Authorship(3, 7);
        assertThrows(IllegalArgumentException.class,
                () -> a.apply(TextType.INSTANCE, TextOperation.builder().retain(2).delete(4).build(), 1));
        assertEquals(List.of(new Authorship.Span(0, 3, 7)), a.spans());
    }

    private static void applyToModel(TextOperation op, List<Integer> model, int author) {
        int at = 0;
        for (var c : op.components()) {
            if (c instanceof dev.tandem.ot.text.Component.Retain) {
                at += c.length();
            } else if (c instanceof dev.tandem.ot.text.Component.Insert) {
                for (int i = 0; i < c.length(); i++) {
                    model.add(at++, author);
                }
            } else {
                for (int i = 0; i < c.length(); i++) {
                    model.remove(at);
                }
            }
        }
    }

    private static List<Integer> expand(Authorship a) {
        List<Integer> out = new ArrayList<>();
        for (Authorship.Span s : a.spans()) {
            for (long i = 0; i < s.length(); i++) {
                out.add(s.author());
            }
        }
        return out;
    }
}
