package dev.tandem.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tandem.ot.text.TextDocument;
import dev.tandem.ot.text.TextOperation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * A recorded editing session in the josephg/editing-traces "sequential" format: a start text,
 * the end text as checksum, and every patch {@code [pos, delCount, insText]} in order.
 * Patches are kept flat, in three arrays, so replaying them measures the OT core, not parsing.
 */
public final class EditingTrace {
    private final String name;
    private final String startContent;
    private final String endContent;
    private final int[] positions;
    private final int[] deletes;
    private final String[] inserts;

    private EditingTrace(String name, String startContent, String endContent, int[] positions, int[] deletes,
            String[] inserts) {
        this.name = name;
        this.startContent = startContent;
        this.endContent = endContent;
        this.positions = positions;
        this.deletes = deletes;
        this.inserts = inserts;
    }

    /** Reads a {@code .json.gz} (or plain {@code .json}) trace file. */
    public static EditingTrace load(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        String name = fileName.replaceFirst("\\.json(\\.gz)?$", "");
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = fileName.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                JsonParser p = new JsonFactory().createParser(in)) {
            return read(name, p);
        }
    }

    private static EditingTrace read(String name, JsonParser p) throws IOException {
        String start = "";
        String end = null;
        int n = 0;
        int[] pos = new int[1024];
        int[] del = new int[1024];
        String[] ins = new String[1024];
        expect(p.nextToken(), JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "startContent" -> start = p.getText();
                case "endContent" -> end = p.getText();
                case "txns" -> {
                    expect(t, JsonToken.START_ARRAY);
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String tf = p.currentName();
                            JsonToken tv = p.nextToken();
                            if (!tf.equals("patches")) {
                                p.skipChildren();
                                continue;
                            }
                            expect(tv, JsonToken.START_ARRAY);
                            while (p.nextToken() == JsonToken.START_ARRAY) {
                                if (n == pos.length) {
                                    pos = Arrays.copyOf(pos, n * 2);
                                    del = Arrays.copyOf(del, n * 2);
                                    ins = Arrays.copyOf(ins, n * 2);
                                }
                                p.nextToken();
                                pos[n] = p.getIntValue();
                                p.nextToken();
                                del[n] = p.getIntValue();
                                p.nextToken();
                                ins[n] = p.getText();
                                expect(p.nextToken(), JsonToken.END_ARRAY);
                                n++;
                            }
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (end == null) {
            throw new IOException("trace " + name + " has no endContent");
        }
        return new EditingTrace(name, start, end, Arrays.copyOf(pos, n), Arrays.copyOf(del, n), Arrays.copyOf(ins, n));
    }

    private static void expect(JsonToken actual, JsonToken wanted) throws IOException {
        if (actual != wanted) {
            throw new IOException("malformed trace: expected " + wanted + " but found " + actual);
        }
    }

    public String name() {
        return name;
    }

    public String startContent() {
        return startContent;
    }

    public String endContent() {
        return endContent;
    }

    public int patches() {
        return positions.length;
    }

    public int position(int i) {
        return positions[i];
    }

    public int deleteCount(int i) {
        return deletes[i];
    }

    public String insertText(int i) {
        return inserts[i];
    }

    /** Patch {@code i} as an operation on a document of {@code documentLength} code points. */
    public TextOperation operation(int i, int documentLength) {
        return TextOperation.splice(documentLength, positions[i], deletes[i], inserts[i]);
    }

    /** Applies every patch, as an operation, to the start text and returns the resulting document. */
    public TextDocument replay() {
        TextDocument doc = TextDocument.of(startContent);
        for (int i = 0; i < positions.length; i++) {
            doc.apply(operation(i, doc.length()));
        }
        return doc;
    }
}
