package dev.tandem.ot.text;

import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The compact wire form and its validation. */
class OperationJsonTest {

    @Test
    void readsAndWritesTheCompactForm() {
        TextOperation op = OperationJson.parse("[5, \"abc\", -3]");
        assertEquals(TextOperation.builder().retain(5).insert("abc").delete(3).build(), op);
        assertEquals("[5,\"abc\",-3]", OperationJson.write(op));
        assertEquals("[]", OperationJson.write(TextOperation.identity(0)));
    }

    @Test
    void emojiSurviveTheRoundTrip() {
        String json = "[2,\"\\ud83d\\ude00e\\u0301\",-1]";
        TextOperation op = OperationJson.parse(json);
        assertEquals(3, op.baseLength());
        assertEquals(2 + 3, op.targetLength()); // one emoji + "e" + combining acute
        assertEquals(op, OperationJson.parse(OperationJson.write(op)));
    }

    @Test
    void worksAsAJacksonModuleInsideOtherValues() throws Exception {
        ObjectMapper m = new ObjectMapper().registerModule(OperationJson.module());
        record Envelope(int rev, TextOperation op) {
        }
        Envelope e = new Envelope(7, OperationJson.parse("[1,\"x\"]"));
        String json = m.writeValueAsString(e);
        assertEquals("{\"rev\":7,\"op\":[1,\"x\"]}", json);
        assertEquals(e, m.readValue(json, Envelope.class));
    }

    @Test
    void readsDecodedJsonValues() {
        assertEquals(OperationJson.parse("[3,\"a\",-2]"), OperationJson.fromList(List.of(3, "a", -2L)));
        assertEquals(OtError.UNKNOWN_COMPONENT, assertThrows(OtException.class,
                () -> OperationJson.fromList(Arrays.asList(1, null))).code());
        assertEquals(OtError.UNKNOWN_COMPONENT, assertThrows(OtException.class,
                () -> OperationJson.fromList(List.of(1.5))).code());
        assertEquals(OtError.TOO_LONG, assertThrows(OtException.class,
                () -> OperationJson.fromList(List.of(1L << 40))).code());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"a\":1}          | MALFORMED_OPERATION",
        "5                  | MALFORMED_OPERATION",
        "not json           | MALFORMED_OPERATION",
        "[1,                | MALFORMED_OPERATION",
        "[0]                | NON_POSITIVE_LENGTH",
        "[\"\"]             | NON_POSITIVE_LENGTH",
        "[1.5]              | UNKNOWN_COMPONENT",
        "[true]             | UNKNOWN_COMPONENT",
        "[null]             | UNKNOWN_COMPONENT",
        "[{\"i\":\"x\"}]    | UNKNOWN_COMPONENT",
        "[[1]]              | UNKNOWN_COMPONENT",
        "[99999999999]      | TOO_LONG",
        "[-2147483648]      | TOO_LONG",
        "[2147483647,1]     | TOO_LONG",
        "[\"\\udc00\"]      | LONE_SURROGATE",
    })
    void rejectsInvalidInputWithAPreciseCode(String json, OtError expected) {
        OtException e = assertThrows(OtException.class, () -> OperationJson.parse(json));
        assertEquals(expected, e.code(), e.getMessage());
    }

    /** Pieces of JSON and near-JSON that garbage is made of. */
    private static final String[] TOKENS = {"[", "]", ",", "1", "-1", "0", "\"a\"", "\"\"", "\"\\ud83d\"", "null", "true",
        "{", "}", "1.0", "-0", "\"\\u00e9\"", "99999999999", ":", "\"", " ", "2147483647", "-2147483647"};

    @Provide
    Arbitrary<String> garbage() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(TOKENS).list().ofMaxSize(11),
                Arbitraries.of(true, false)).as((open, tokens, close) -> (open ? "[" : "") + String.join("", tokens) + (close ? "]" : ""));
    }

    @Property(tries = 3000, seed = "20261201")
    void randomGarbageIsRejectedOrParsedNeverCrashes(@ForAll("garbage") String input) {
        try {
            TextOperation op = OperationJson.parse(input);
            assertEquals(op, OperationJson.parse(OperationJson.write(op)));
        } catch (OtException expected) {
            // rejected with a code: fine
        } catch (RuntimeException other) {
            fail("input " + input + " crashed with " + other);
        }
    }
}
