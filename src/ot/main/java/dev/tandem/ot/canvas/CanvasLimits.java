package dev.tandem.ot.canvas;

/**
 * The limits of one canvas document, each refused with its own {@link dev.tandem.ot.OtError}
 * code. Lengths of strings count code points.
 *
 * @param maxObjects objects in one document ({@code TOO_MANY_OBJECTS})
 * @param maxDepth how deep an object may sit: a child of the root is at depth 1, a child of a
 *     frame at the root at depth 2... ({@code TOO_DEEP})
 * @param maxChanges changes in one operation ({@code BATCH_TOO_LARGE})
 * @param maxProperties properties set on one object ({@code TOO_MANY_PROPERTIES})
 * @param maxTextLength the {@code text} property ({@code PROPERTY_TOO_LONG})
 * @param maxStringLength every other string property: {@code name}, custom {@code data-*}
 *     strings ({@code PROPERTY_TOO_LONG})
 * @param maxPoints points (x, y pairs) of a line or arrow ({@code PROPERTY_TOO_LONG})
 * @param maxIndexLength characters of a fractional index ({@code INVALID_INDEX})
 */
public record CanvasLimits(int maxObjects, int maxDepth, int maxChanges, int maxProperties, int maxTextLength,
                           int maxStringLength, int maxPoints, int maxIndexLength) {
    public static final int DEFAULT_MAX_OBJECTS = 100_000;
    public static final int DEFAULT_MAX_DEPTH = 16;
    public static final int DEFAULT_MAX_CHANGES = 1_000;
    public static final int DEFAULT_MAX_PROPERTIES = 64;
    public static final int DEFAULT_MAX_TEXT_LENGTH = 100_000;
    public static final int DEFAULT_MAX_STRING_LENGTH = 1_000;
    public static final int DEFAULT_MAX_POINTS = 10_000;
    public static final int DEFAULT_MAX_INDEX_LENGTH = 1_024;

    /** The defaults above. */
    public static final CanvasLimits DEFAULTS = new CanvasLimits(DEFAULT_MAX_OBJECTS, DEFAULT_MAX_DEPTH,
            DEFAULT_MAX_CHANGES, DEFAULT_MAX_PROPERTIES, DEFAULT_MAX_TEXT_LENGTH, DEFAULT_MAX_STRING_LENGTH,
            DEFAULT_MAX_POINTS, DEFAULT_MAX_INDEX_LENGTH);

    public CanvasLimits {
        if (maxObjects < 1 || maxDepth < 1 || maxChanges < 1 || maxProperties < 1 || maxTextLength < 1
                || maxStringLength < 1 || maxPoints < 1 || maxIndexLength < 2) {
            throw new IllegalArgumentException("every canvas limit must be positive: " + "objects " + maxObjects
                    + ", depth " + maxDepth + ", changes " + maxChanges + ", properties " + maxProperties
                    + ", text " + maxTextLength + ", strings " + maxStringLength + ", points " + maxPoints
                    + ", index " + maxIndexLength);
        }
    }

    public CanvasLimits withMaxObjects(int n) {
        return new CanvasLimits(n, maxDepth, maxChanges, maxProperties, maxTextLength, maxStringLength, maxPoints, maxIndexLength);
    }

    public CanvasLimits withMaxDepth(int n) {
        return new CanvasLimits(maxObjects, n, maxChanges, maxProperties, maxTextLength, maxStringLength, maxPoints, maxIndexLength);
    }

    public CanvasLimits withMaxChanges(int n) {
        return new CanvasLimits(maxObjects, maxDepth, n, maxProperties, maxTextLength, maxStringLength, maxPoints, maxIndexLength);
    }

    public CanvasLimits withMaxProperties(int n) {
        return new CanvasLimits(maxObjects, maxDepth, maxChanges, n, maxTextLength, maxStringLength, maxPoints, maxIndexLength);
    }

    public CanvasLimits withMaxTextLength(int n) {
        return new CanvasLimits(maxObjects, maxDepth, maxChanges, maxProperties, n, maxStringLength, maxPoints, maxIndexLength);
    }

    public CanvasLimits withMaxStringLength(int n) {
        return new CanvasLimits(maxObjects, maxDepth, maxChanges, maxProperties, maxTextLength, n, maxPoints, maxIndexLength);
    }

    public CanvasLimits withMaxPoints(int n) {
        return new CanvasLimits(maxObjects, maxDepth, maxChanges, maxProperties, maxTextLength, maxStringLength, n, maxIndexLength);
    }

    public CanvasLimits withMaxIndexLength(int n) {
        return new CanvasLimits(maxObjects, maxDepth, maxChanges, maxProperties, maxTextLength, maxStringLength, maxPoints, n);
    }
}
