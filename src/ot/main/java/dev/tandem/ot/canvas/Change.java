package dev.tandem.ot.canvas;

import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import dev.tandem.ot.text.TextOperation;
import java.util.Objects;

/**
 * One change of a canvas operation. The constructors check everything that does not depend on
 * a document or on limits (id shapes, kinds, indexes, property types and ranges); a change that
 * exists is well formed.
 */
public sealed interface Change {

    /** The object the change is about. */
    String id();

    /** Adds object {@code id} under {@code parent} (null: the root) at {@code index}. */
    record Create(String id, Kind kind, String parent, String index, Properties props) implements Change {
        public Create {
            CanvasIds.check(id);
            Objects.requireNonNull(kind, "kind");
            if (parent != null) {
                CanvasIds.check(parent);
            }
            FractionalIndex.validate(index);
            Objects.requireNonNull(props, "props");
            for (var e : props.asMap().entrySet()) {
                CanvasSchema.check(e.getKey(), e.getValue());
            }
        }
    }

    /** Removes object {@code id} and everything inside it. */
    record Delete(String id) implements Change {
        public Delete {
            CanvasIds.check(id);
        }
    }

    /** Sets property {@code prop} of object {@code id} to {@code value}; a null value unsets it. */
    record Set(String id, String prop, PropertyValue value) implements Change {
        public Set {
            CanvasIds.check(id);
            if (value == null) {
                CanvasSchema.typeOf(prop);
            } else {
                CanvasSchema.check(prop, value);
            }
        }
    }

    /** Moves object {@code id} under {@code parent} (null: the root) at {@code index}. */
    record Move(String id, String parent, String index) implements Change {
        public Move {
            CanvasIds.check(id);
            if (parent != null) {
                CanvasIds.check(parent);
            }
            FractionalIndex.validate(index);
        }
    }

    /** Edits text property {@code prop} of object {@code id}; an unset property is empty text. */
    record Edit(String id, String prop, TextOperation op) implements Change {
        public Edit {
            CanvasIds.check(id);
            CanvasSchema.checkEditable(prop);
            if (op == null) {
                throw new OtException(OtError.MALFORMED_OPERATION, "edit of " + id + "." + prop + " without an op");
            }
        }
    }
}
