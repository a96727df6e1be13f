package dev.tandem.client.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/** JSON text as the tree the protocol's message records hold. */
final class Trees {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Trees() {
    }

    static JsonNode of(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // our own types write valid JSON
        }
    }
}
