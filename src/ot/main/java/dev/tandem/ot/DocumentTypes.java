package dev.tandem.ot;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registry of {@link DocumentType}s by name: the only place that lists the kinds of
 * document. Immutable once built.
 */
public final class DocumentTypes {
    /** The type of documents created without naming one, and of every document made before types existed. */
    public static final String DEFAULT = "text";

    private final Map<String, DocumentType<?>> byName;

    private DocumentTypes(Map<String, DocumentType<?>> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** A registry of exactly {@code types}; the first is not special, but {@value #DEFAULT} must be among them. */
    public static DocumentTypes of(DocumentType<?>... types) {
        Map<String, DocumentType<?>> map = new LinkedHashMap<>();
        for (DocumentType<?> t : types) {
            if (map.put(t.name(), t) != null) {
                throw new IllegalArgumentException("two document types named " + t.name());
            }
        }
        if (!map.containsKey(DEFAULT)) {
            throw new IllegalArgumentException("the " + DEFAULT + " type is required");
        }
        return new DocumentTypes(map);
    }

    /** The type called {@code name}, or null if there is none. */
    public DocumentType<?> find(String name) {
        return byName.get(name);
    }

    /**
     * The type called {@code name}.
     *
     * @throws OtException {@link OtError#UNKNOWN_TYPE} if there is none
     */
    public DocumentType<?> get(String name) {
        DocumentType<?> t = byName.get(name);
        if (t == null) {
            throw new OtException(OtError.UNKNOWN_TYPE, "unknown document type \"" + name + "\"; known: " + byName.keySet());
        }
        return t;
    }

    public Collection<DocumentType<?>> all() {
        return byName.values();
    }
}
