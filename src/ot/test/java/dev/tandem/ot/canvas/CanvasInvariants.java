package dev.tandem.ot.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every canvas document must satisfy, whatever was applied to it. */
final class CanvasInvariants {
    private CanvasInvariants() {
    }

    static void check(CanvasDocument doc) {
        CanvasLimits limits = doc.limits();
        assertTrue(doc.size() <= limits.maxObjects(), "objects " + doc.size());
        assertEquals(doc.size(), doc.inTreeOrder().size(), "every object is reachable from the root");
        for (CanvasObject o : doc.inTreeOrder()) {
            if (o.parent() != null) {
                CanvasObject p = doc.get(o.parent());
                assertNotNull(p, o.id() + "'s parent");
                assertEquals(Kind.FRAME, p.kind(), o.id() + "'s parent is a frame");
            }
            assertTrue(doc.depth(o.id()) <= limits.maxDepth(), o.id() + " depth " + doc.depth(o.id()));
            assertTrue(o.props().size() <= limits.maxProperties(), o.id() + " properties");
        }
        String snapshot = doc.snapshot();
        assertEquals(snapshot, CanvasDocument.fromSnapshot(snapshot, limits).snapshot(), "the snapshot reads back");
    }
}
